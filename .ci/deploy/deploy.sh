#!/bin/sh
# Publish one build of the site on our own nginx, pages and headers in one atomic step.
#   .ci/deploy/deploy.sh [SITE_DIR] [BASE]          defaults: site  /srv/early-years
# 1. Copies SITE_DIR, with the build's own _nginx-headers.conf (its Content-Security-Policy)
#    and _nginx-redirects.conf (its short links), into a new BASE/releases/<UTC time>-<number>/
#    (the number counts deploys: two in one second still sort in the order they were made),
#    and writes _nginx-root.conf there: `root` set to that release's real path.
#    An open page of the previous build may still ask for a file it loads late (Listen's script
#    on the first press, the theme's on the first touch, a picture further down), and hashed
#    names change with their content: the files under assets/ that the new build no longer has
#    are copied from the previous release too, for one release only (_previous-assets.txt).
# 2. Points BASE/current at the new release with one rename (there is never a moment without
#    a `current`), checks the configuration (nginx -t) and reloads nginx. nginx.conf reads
#    root, headers and short links through `current` when it loads, so they always come from
#    the same build; workers still finishing requests keep the older release whole.
#    If the check fails, `current` goes back to the previous release and nothing changes.
#    On a first deploy nginx may not be running yet (the README installs its configuration
#    after it): nothing to reload, and the deploy still succeeds.
# 3. Keeps the newest DEPLOY_KEEP releases (default 3, never fewer than 2) and always the one
#    served until now, which workers finishing older requests still read (after a roll back it
#    may be older than the newest three). While a worker of an older reload is still finishing a
#    request, no release is deleted: the next deploy does it. So rolling back is
#    `ln -sfn BASE/releases/<older> BASE/current.new && mv -T BASE/current.new BASE/current`
#    and a reload.
# Settings, each with the script's own name: DEPLOY_NGINX, the nginx command (default `nginx`);
# DEPLOY_RELOAD, the reload (default `$DEPLOY_NGINX -s reload`; `systemctl reload nginx` does
# the same); DEPLOY_KEEP. Never NGINX: nginx reads a variable of that name itself (sockets
# inherited in a binary upgrade) and prints an [emerg] line for anything else in it.
set -eu

site=${1:-site}
base=${2:-/srv/early-years}

fail() { echo "deploy.sh: $*" >&2; exit 1; }

[ -z "${NGINX+set}" ] || fail "NGINX is set, and nginx reads that variable itself: unset it, and give the nginx command as DEPLOY_NGINX (the reload as DEPLOY_RELOAD)"
nginx=${DEPLOY_NGINX:-nginx}
reload=${DEPLOY_RELOAD:-$nginx -s reload}
keep=${DEPLOY_KEEP:-3}
[ "$keep" -ge 2 ] || keep=2

command -v pgrep > /dev/null || fail "pgrep is missing: install it (Debian: apt-get install procps)"
for file in index.html 404.html _nginx-headers.conf _nginx-file-headers.conf _nginx-redirects.conf; do
    [ -f "$site/$file" ] || fail "$site/$file is missing: build the site first (make build)"
done
mkdir -p "$base/releases"
base=$(cd "$base" && pwd -P)

# One deploy at a time.
exec 9>"$base/.deploy.lock"
flock -n 9 || fail "another deploy is running"

# Releases in the order they were made: by their number (a release from before numbering
# counts as 0), then by time. A name's second alone does not order two deploys in one second.
releases_oldest_first() {
    ls -1 "$base/releases" | sort -t- -k2,2n -k1,1
}
last=$(ls -1 "$base/releases" | sed -n 's/^.*-\([0-9]\{6,\}\)$/\1/p' | sort -n | tail -n 1 | sed 's/^0*//')  # no leading 0: sh would read it as octal
release="$base/releases/$(date -u +%Y%m%dT%H%M%SZ)-$(printf '%06d' $((${last:-0} + 1)))"
mkdir -m 755 "$release"
cp -R "$site/." "$release/"
printf '# Written by .ci/deploy/deploy.sh: this release'"'"'s own folder.\nroot %s;\n' "$release" \
    > "$release/_nginx-root.conf"

previous=$(readlink "$base/current" 2>/dev/null || true)
if [ -n "$previous" ] && [ -d "$previous/assets" ]; then
    (cd "$previous" && find assets -type f) | while read -r file; do
        [ ! -e "$release/$file" ] || continue
        ! grep -qxF "$file" "$previous/_previous-assets.txt" 2>/dev/null || continue  # one release only
        mkdir -p "$release/$(dirname "$file")"
        cp -p "$previous/$file" "$release/$file"
        echo "$file" >> "$release/_previous-assets.txt"
    done
fi

swap() {  # point current at $1 in one rename
    ln -sfn "$1" "$base/current.new"
    mv -T "$base/current.new" "$base/current"
}
# Workers of older reloads still finishing a request, asked before this reload makes the
# workers of the release served until now shut down too.
older_workers=$(pgrep -f 'nginx: worker process is shutting down' || true)
swap "$release"
if ! $nginx -t -q; then
    if [ -n "$previous" ]; then swap "$previous"; else rm -f "$base/current"; fi
    rm -rf "$release"
    fail "nginx -t failed with the new release: nothing was changed"
fi
if ! said=$($reload 2>&1); then
    [ -z "$previous" ] || fail "$release is in place and nginx -t passed, but the reload failed: reload nginx by hand. It said: $said"
    echo "deploy.sh: the first release is in place; nginx did not reload (not running yet?): start nginx to serve it"
fi
echo "deploy.sh: serving $release"

# Old releases, oldest first, apart from the newest $keep, the new one and the one served
# until now (its workers are finishing their requests as the new ones start). Not while a worker
# of an older reload was still finishing one before this reload (a slow download can keep it for
# minutes): deleting its release would answer that request with nginx's bare 404. The next
# deploy deletes them.
if [ -n "$older_workers" ]; then
    echo "deploy.sh: an older nginx worker is still finishing a request: older releases are left for the next deploy"
    exit 0
fi
served=${previous%/}
releases_oldest_first | head -n "-$keep" | while read -r old; do
    [ "$old" = "${release##*/}" ] || [ "$old" = "${served##*/}" ] || rm -rf "${base:?}/releases/$old"
done

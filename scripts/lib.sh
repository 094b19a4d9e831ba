# shellcheck shell=bash disable=SC2034
# Settings and helpers shared by the scripts in this folder. Sourced, not run.

# Physical paths: kbuild prints them, and check-warnings matches on them.
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
BUILD=${RIG_BUILD:-$TOP/build}
BASE_TAG=mshare-base

# RIG_BASE=1 runs a script on a worktree of the base commit alone (for the
# baseline and for comparing warnings); otherwise on the series tree.
if [ -n "${RIG_BASE:-}" ]; then
	TREE=$BUILD/base-tree
	OUT=$BUILD/out-base
else
	TREE=$BUILD/linux
	OUT=$BUILD/out
fi

# The one place the base kernel is pinned: Debian's linux-source-6.12.
DEBIAN_SRC_PKG=linux-source-6.12
DEBIAN_SRC_VERSION=6.12.117-1~deb12u1

die() {
	echo "error: $*" >&2
	exit 1
}

log() {
	echo ">>> $*"
}

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	else
		sudo "$@"
	fi
}

# Patch files named by series, one path a line, in order.
series_files() {
	local p
	[ -f "$TOP/series" ] || return 0
	while read -r p || [ -n "$p" ]; do
		case "$p" in '' | '#'*) continue ;; esac
		echo "$TOP/patches/$p"
	done <"$TOP/series"
}

# Create the base worktree next to build/linux if it is not there yet.
ensure_base_tree() {
	local want
	[ -d "$BUILD/linux/.git" ] || die "no $BUILD/linux: run scripts/prepare-tree"
	want=$(git -C "$BUILD/linux" rev-parse "$BASE_TAG")
	if [ -d "$BUILD/base-tree" ]; then
		[ "$(git -C "$BUILD/base-tree" rev-parse HEAD 2>/dev/null)" = "$want" ] &&
			[ -z "$(git -C "$BUILD/base-tree" status --porcelain --untracked-files=no)" ] &&
			return 0
		rm -rf "$BUILD/base-tree" "$BUILD/out-base"
	fi
	git -C "$BUILD/linux" worktree prune
	git -C "$BUILD/linux" worktree add -q --detach "$BUILD/base-tree" "$BASE_TAG"
}

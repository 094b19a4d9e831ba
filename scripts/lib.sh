# shellcheck shell=bash disable=SC2034
# Settings and helpers shared by the scripts in this folder. Sourced, not run.

# Physical paths: kbuild prints them, and check-each-patch matches on them.
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
BASE_TAG=mshare-base

die() {
	echo "error: $*" >&2
	exit 1
}

log() {
	echo ">>> $*"
}

# The one place the base kernel is pinned: Debian's linux-source-7.3, from
# the trixie-backports suite of the archive the host already uses, fetched
# through a private apt state (scripts/fetch-base) that leaves the host's
# apt configuration alone.
DEBIAN_SRC_PKG=linux-source-7.3
DEBIAN_SRC_VERSION=7.3.4-1~bpo13+1
DEBIAN_SRC_SUITE=trixie-backports
BUILD=${RIG_BUILD:-$TOP/build}
# The series, in quilt's own layout (patches/series; ./series links it).
PATCHES=$TOP/patches
SERIES=$PATCHES/series
# What the guest runs (rig.conf), the kselftest targets it holds (targets)
# and the base kernel's results (baseline.txt). The series' tests are a
# category of the mm target (ksft_mshare.sh), whose TEST()s are a level
# further down in the TAP output.
RIG_SELFTESTS=$TOP/selftests
RIG_CONF=$RIG_SELFTESTS/rig.conf
RIG_TARGETS=$RIG_SELFTESTS/targets
RIG_BASELINE=$RIG_SELFTESTS/baseline.txt
export TAP_DEPTH=2

# sparse: Debian 12's 0.6.4 cannot parse __typeof_unqual__, which 7.3 uses
# under __CHECKER__; scripts/build-sparse builds this source package.
SPARSE_SRC_VERSION=0.6.5~rc1-2
SPARSE_SRC_SUITE=sid

# Private apt state and downloads, and tools built here, for every base.
APT_DIR=$TOP/build/apt
TOOLS=$TOP/build/tools
SPARSE=$TOOLS/sparse/sparse

# RIG_BASE=1 runs a script on a worktree of the base commit alone (for the
# baseline and for comparing warnings); otherwise on the series tree.
if [ -n "${RIG_BASE:-}" ]; then
	TREE=$BUILD/base-tree
	OUT=$BUILD/out-base
else
	TREE=$BUILD/linux
	OUT=$BUILD/out
fi

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
	[ -z "${RIG_NO_SERIES:-}" ] || return 0
	[ -f "$SERIES" ] || return 0
	while read -r p || [ -n "$p" ]; do
		case "$p" in '' | '#'*) continue ;; esac
		echo "$PATCHES/$p"
	done <"$SERIES"
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

# apt-get and apt-cache on the private state under APT_DIR, whose sources
# list names suites of the archive the host already uses (RIG_DEBIAN_MIRROR
# overrides it). Nothing of the host's apt configuration is changed. The
# indexes' signatures are checked against Debian's keyring, but not their
# Valid-Until date: a mirror that is a snapshot of the archive serves sid
# indexes past it, and the versions taken are pinned anyway.
apt_private() { # apt-get|apt-cache ARGS...
	local tool=$1
	shift
	"$tool" -o Dir::Etc::sourcelist="$APT_DIR/sources.list" \
		-o Dir::Etc::sourceparts="$APT_DIR/sources.list.d" \
		-o Dir::State::Lists="$APT_DIR/lists" -o Dir::Cache="$APT_DIR/cache" \
		-o APT::Sandbox::User="$(id -un)" -o Acquire::Check-Valid-Until=false "$@"
}

debian_mirror() {
	local codename uri
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	# shellcheck disable=SC2016 # apt's format, not the shell's
	uri=$(apt-get indextargets --no-release-info \
		--format '$(TARGET_OF) $(RELEASE) $(REPO_URI)' 2>/dev/null |
		awk -v c="$codename" '$1 == "deb" && $2 == c { print $3; exit }')
	echo "${RIG_DEBIAN_MIRROR:-${uri:-http://deb.debian.org/debian/}}"
}

# Write the private sources list (deb SUITE, deb-src SRC_SUITE; no deb-src
# line when SRC_SUITE is empty) and fetch its indexes, at most once an hour.
apt_private_update() { # SUITE [SRC_SUITE]
	local mirror key=/usr/share/keyrings/debian-archive-keyring.gpg want
	mirror=$(debian_mirror)
	want="deb [signed-by=$key] $mirror $1 main"
	[ -z "${2:-}" ] || want+="
deb-src [signed-by=$key] $mirror $2 main"
	mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" "$APT_DIR/sources.list.d"
	# The stamp holds the sources of the last update that succeeded.
	if [ "$(cat "$APT_DIR/updated" 2>/dev/null)" = "$want" ] &&
		[ -n "$(find "$APT_DIR/updated" -mmin -60)" ]; then
		return 0
	fi
	rm -f "$APT_DIR/updated"
	echo "$want" >"$APT_DIR/sources.list"
	log "apt-get update ($1${2:+, $2} of $mirror) in $APT_DIR" >&2
	apt_private apt-get -q update >"$APT_DIR/update.log" 2>&1 || {
		cat "$APT_DIR/update.log" >&2
		die "apt-get update of $1${2:+ and $2} from $mirror failed"
	}
	echo "$want" >"$APT_DIR/updated"
}

# The version of PKG to take: PIN when the private indexes have it, else the
# newest there is, with a warning; nothing when there is none.
# KIND is "binary" or "source".
apt_private_version() { # KIND PKG PIN
	local have
	if [ "$1" = source ]; then
		have=$(apt_private apt-cache showsrc "$2" 2>/dev/null |
			awk -v p="$2" '$1 == "Package:" { ok = $2 == p } ok && $1 == "Version:" { print $2 }')
	else
		have=$(apt_private apt-cache madison "$2" 2>/dev/null | awk -F' [|] ' '{ print $2 }')
	fi
	[ -n "$have" ] || return 0
	if printf '%s\n' "$have" | grep -qxF "$3"; then
		echo "$3"
		return 0
	fi
	have=$(printf '%s\n' "$have" | sort -V | tail -n 1)
	echo "warning: $2 $3 is no longer in the archive; taking $have" >&2
	echo "$have"
}

# The value of VAR="..." in rig.conf (empty if not set there).
rig_conf() { # VAR
	sed -n "s/^$1=\"\\{0,1\\}\\([^\"]*\\)\"\\{0,1\\}\$/\\1/p" "$RIG_CONF" | tail -n 1
}

# A test name with every number as N: some tests put measured numbers in
# their names ("Extra pages 222 (0.5%)"), so verdict and recheck look a
# name that is not found as it is up again this way. Reads stdin.
name_key() {
	sed -E 's/[0-9]+/N/g'
}

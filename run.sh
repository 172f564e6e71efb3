#!/usr/bin/env bash
# Wolf: one entry point for building, testing, benchmarking and the demo.
#   ./run.sh demo         set up what is missing, build, start a 3-node cluster on loopback
#   ./run.sh test         set up what is missing, build and run every test
#   ./run.sh bench NAME   build, run one benchmark (prints RESULT NAME key=value ... last)
#   ./run.sh build        build the runnable jar (cli/target/wolf.jar) without tests
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

# Debian/Ubuntu packages the tools and tests need, with a command proving each is present.
declare -A NEED=(
  [maven]="command -v mvn"
  [mariadb-server]="test -x /usr/sbin/mariadbd"
  [mariadb-client]="command -v mariadb"
  [fuse3]="command -v fusermount3"
  [libfuse2]="/sbin/ldconfig -p | grep -q 'libfuse.so.2 '"
  [iproute2]="command -v ip"
  [iptables]="command -v iptables"
  [sysbench]="command -v sysbench"
  # WolfNet: gateway NAT, namespace tests and ./run.sh bench net
  [nftables]="command -v nft"
  [iputils-ping]="command -v ping"
  [iperf3]="command -v iperf3"
  [wireguard-go]="command -v wireguard-go"
  [wireguard-tools]="command -v wg"
)

java_ok() {
  command -v javac >/dev/null 2>&1 || return 1
  local v; v=$(javac -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p')
  [[ -n "$v" && "$v" -ge 17 ]]
}

prereqs() {
  local missing=()
  java_ok || missing+=(openjdk-17-jdk-headless)
  local pkg
  for pkg in "${!NEED[@]}"; do
    bash -c "${NEED[$pkg]}" >/dev/null 2>&1 || missing+=("$pkg")
  done
  (( ${#missing[@]} == 0 )) && return 0
  local cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing: ${missing[*]}. Run as root:" >&2
    echo "  sudo sh -c '$cmd'" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  mvn -B -q -DskipTests package
}

jar_fresh() {
  [[ -f cli/target/wolf.jar ]] || return 1
  [[ -z $(find pom.xml */pom.xml */src -newer cli/target/wolf.jar -print -quit) ]]
}

case "${1:-help}" in
  demo)
    prereqs
    jar_fresh || build
    exec bin/wolf-java wolf.cli.demo.Demo "${@:2}"
    ;;
  test)
    prereqs
    mvn -B verify "${@:2}"
    ;;
  bench)
    [[ -n "${2:-}" ]] || { echo "usage: ./run.sh bench NAME [ARGS]  (NAME: failover, wal, replication, net)" >&2; exit 1; }
    jar_fresh || build
    exec bin/wolf-java wolf.cli.bench.Bench "${@:2}"
    ;;
  build)
    build
    echo "built cli/target/wolf.jar; launchers in bin/"
    ;;
  *)
    sed -n '2,7p' "$0" | sed 's/^# //'
    exit 1
    ;;
esac

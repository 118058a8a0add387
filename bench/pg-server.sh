# Sourced by the PostgreSQL benchmarks (needs $root): a temporary directory
# $tmp, removed on exit with the server started in it — fsync on, commits
# not waited for (synchronous_commit = off), as SQLite's synchronous =
# NORMAL in WAL mode — and new_db NAME, which creates a database and prints
# its URI.
tmp=$(mktemp -d)
chmod 755 "$tmp"  # the server's user (postgres, under root) works inside
cleanup() {
  "$root/scripts/pg-test-server.sh" stop "$tmp/pg" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
KTO_PG_SETTINGS="-c synchronous_commit=off" "$root/scripts/pg-test-server.sh" start "$tmp/pg" >/dev/null
server=$(cat "$tmp/pg/url")
new_db() {
  psql -q "$server" -c "CREATE DATABASE $1"
  echo "${server%/postgres}/$1"
}

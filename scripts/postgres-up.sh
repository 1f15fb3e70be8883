#!/usr/bin/env bash
# Makes a PostgreSQL server answer on 127.0.0.1:5432 with a superuser strapi/strapi, installing
# Debian's package when none is there. Used by .ci/run; handy locally too (as root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! command -v pg_lsclusters >/dev/null || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1)
if [ "$status" != "online" ]; then
  pg_ctlcluster "$version" "$cluster" start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
su postgres -c "psql -q -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='strapi'\"" | grep -q 1 ||
  su postgres -c "psql -q -p $port -c \"CREATE ROLE strapi LOGIN SUPERUSER PASSWORD 'strapi'\""
echo "PostgreSQL $version ready on 127.0.0.1:$port (user strapi)"

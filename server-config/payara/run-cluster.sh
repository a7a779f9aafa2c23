#!/usr/bin/env bash
# Two Lockstep nodes on this machine, clustered by Payara Micro's Hazelcast on loopback, sharing one
# database: what `mvn -Pcluster` runs. Node 1 serves http://localhost:8080, node 2 http://localhost:8081.
# Ctrl-C stops both.
#
# The database: by default the embedded H2 file in ./lockstep-data opened with AUTO_SERVER=TRUE (the
# first node to open it serves it to the other over loopback TCP; if that node stops, the other takes
# over). For a production-like run, point LOCKSTEP_DATASOURCE_URL at PostgreSQL and set
# LOCKSTEP_DATASOURCE_CLASS_NAME=org.postgresql.ds.PGSimpleDataSource (and _USER, _PASSWORD).
set -euo pipefail
micro_jar=${1:?usage: run-cluster.sh <payara-micro.jar> <lockstep.war>}
war=${2:?usage: run-cluster.sh <payara-micro.jar> <lockstep.war>}
here=$(cd "$(dirname "$0")" && pwd)
data_dir=${LOCKSTEP_DATA_DIR:-$PWD/lockstep-data}
export LOCKSTEP_DATASOURCE_URL=${LOCKSTEP_DATASOURCE_URL:-jdbc:h2:file:$data_dir/db/lockstep;WRITE_DELAY=0;AUTO_SERVER=TRUE}
members=127.0.0.1:6900,127.0.0.1:6901

pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' INT TERM EXIT
for node in 1 2; do
  java -Dhazelcast.socket.bind.any=false -Dlockstep.data-dir="$data_dir" \
    -jar "$micro_jar" --deploy "$war" --contextroot / \
    --name "lockstep-$node" --port $((8079 + node)) \
    --systemproperties "$here/cluster.properties" --clustername lockstep \
    --clustermode "tcpip:$members" --interfaces 127.0.0.1 --startport $((6899 + node)) --nohostaware \
    --disablephonehome --prebootcommandfile "$here/preboot-loopback.asadmin" \
    > "target/cluster-node-$node.log" 2>&1 &
  pids+=($!)
  echo "node $node: http://localhost:$((8079 + node)) (log: target/cluster-node-$node.log)"
done
# A node that stops (or is killed, to watch its clients move to the other) leaves the other running.
wait

# Redis test servers for baton-redis, sourced by ./scripts/services (uses die, say, apt_install and
# ROOT from there). Everything listens on 127.0.0.1 and lives under .baton/services/redis/:
#   standalone  BATON_REDIS_PORT (56379), AOF with appendfsync everysec
#   cluster     57001-57003 (bus ports 47001-47003), three masters made with redis-cli --cluster create
#   sentinel    master 56380, replica 56381, sentinels 56390-56392, master name "baton"
#   tls         56443, certificate made with openssl at first start (tls/ca.crt is the trust root)
# An instance that already answers on its port (another checkout's) is shared, not started again.
# Every instance keeps maxmemory-policy noeviction, the only policy under which Baton loses nothing.
REDIS_DIR="$ROOT/redis"
REDIS_PORT="${BATON_REDIS_PORT:-56379}"
REDIS_CLUSTER_PORTS=(57001 57002 57003)
REDIS_SENTINEL_MASTER=56380
REDIS_SENTINEL_REPLICA=56381
REDIS_SENTINEL_PORTS=(56390 56391 56392)
REDIS_TLS_PORT=56443
EXTRA_SERVICES+=(redis)

redis_ping() { # port [extra redis-cli args]: true if a server answers PONG
  local port=$1
  shift
  [ "$(redis-cli -h 127.0.0.1 -p "$port" "$@" ping 2>/dev/null)" = PONG ]
}

redis_tls_args() { echo "--tls --cacert $REDIS_DIR/tls/ca.crt"; }

redis_wait() { # port name [extra args]
  local port=$1 name=$2 i
  shift 2
  for i in $(seq 1 100); do
    redis_ping "$port" "$@" && return 0
    sleep 0.1
  done
  die "redis $name did not start on 127.0.0.1:$port; see $REDIS_DIR/$name/server.log"
}

redis_launch() { # name port [more redis-server options]: start one data server unless it answers
  local name=$1 port=$2
  shift 2
  if redis_ping "$port"; then
    say "redis $name already answers on 127.0.0.1:$port; using it"
    return 0
  fi
  local dir="$REDIS_DIR/$name"
  mkdir -p "$dir"
  redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/server.log" --save "" \
    --maxmemory-policy noeviction --protected-mode no "$@" \
    || die "redis $name did not start; see $dir/server.log"
  redis_wait "$port" "$name"
  say "redis $name running on 127.0.0.1:$port (data $dir)"
}

redis_tls_cert() {
  local dir="$REDIS_DIR/tls"
  [ -f "$dir/server.crt" ] && return 0
  command -v openssl >/dev/null || apt_install openssl
  mkdir -p "$dir"
  say "making a test certificate in $dir"
  (
    cd "$dir"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Baton test CA" \
      -keyout ca.key -out ca.crt 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server.key \
      -out server.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >san.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
      -extfile san.ext -out server.crt 2>/dev/null
    chmod 644 ca.crt server.crt server.key
  ) || die "making the TLS test certificate failed"
}

redis_cluster_start() {
  local port
  for port in "${REDIS_CLUSTER_PORTS[@]}"; do
    mkdir -p "$REDIS_DIR/cluster-$port"
    redis_launch "cluster-$port" "$port" --cluster-enabled yes \
      --cluster-config-file "$REDIS_DIR/cluster-$port/nodes.conf" --cluster-node-timeout 5000 \
      --cluster-port $((port - 10000)) \
      --appendonly yes --appendfsync everysec
  done
  local first=${REDIS_CLUSTER_PORTS[0]}
  if ! redis-cli -p "$first" cluster info | grep -q '^cluster_state:ok'; then
    if [ "$(redis-cli -p "$first" cluster info | sed -n 's/^cluster_slots_assigned:\([0-9]*\).*/\1/p')" = 0 ]; then
      say "redis cluster: creating with redis-cli --cluster create"
      redis-cli --cluster create $(printf '127.0.0.1:%s ' "${REDIS_CLUSTER_PORTS[@]}") \
        --cluster-replicas 0 --cluster-yes >"$REDIS_DIR/cluster-create.log" 2>&1 \
        || die "redis-cli --cluster create failed; see $REDIS_DIR/cluster-create.log"
    fi
    local i
    for i in $(seq 1 100); do
      local ok=1
      for port in "${REDIS_CLUSTER_PORTS[@]}"; do
        redis-cli -p "$port" cluster info | grep -q '^cluster_state:ok' || ok=0
      done
      [ $ok = 1 ] && break
      sleep 0.1
    done
    redis-cli -p "$first" cluster info | grep -q '^cluster_state:ok' \
      || die "redis cluster did not reach cluster_state:ok; see $REDIS_DIR/cluster-*/server.log"
  fi
  say "redis cluster ok on 127.0.0.1:${REDIS_CLUSTER_PORTS[*]}"
}

redis_sentinel_start() {
  # Config files, so that Sentinel can rewrite replicaof there when it fails over.
  if [ ! -f "$REDIS_DIR/sentinel-master/redis.conf" ]; then
    mkdir -p "$REDIS_DIR/sentinel-master"
    printf 'appendonly yes\nappendfsync everysec\n' >"$REDIS_DIR/sentinel-master/redis.conf"
  fi
  if [ ! -f "$REDIS_DIR/sentinel-replica/redis.conf" ]; then
    mkdir -p "$REDIS_DIR/sentinel-replica"
    printf 'replicaof 127.0.0.1 %s\nappendonly yes\nappendfsync everysec\n' \
      "$REDIS_SENTINEL_MASTER" >"$REDIS_DIR/sentinel-replica/redis.conf"
  fi
  redis_launch_conf sentinel-master "$REDIS_SENTINEL_MASTER"
  redis_launch_conf sentinel-replica "$REDIS_SENTINEL_REPLICA"
  local port
  for port in "${REDIS_SENTINEL_PORTS[@]}"; do
    local dir="$REDIS_DIR/sentinel-$port"
    if redis_ping "$port"; then
      say "redis sentinel already answers on 127.0.0.1:$port; using it"
      continue
    fi
    mkdir -p "$dir"
    if [ ! -f "$dir/sentinel.conf" ]; then
      cat >"$dir/sentinel.conf" <<CONF
bind 127.0.0.1
port $port
dir $dir
sentinel monitor baton 127.0.0.1 $REDIS_SENTINEL_MASTER 2
sentinel down-after-milliseconds baton 2000
sentinel failover-timeout baton 10000
sentinel parallel-syncs baton 1
CONF
    fi
    redis-sentinel "$dir/sentinel.conf" --daemonize yes --pidfile "$dir/redis.pid" \
      --logfile "$dir/server.log" || die "redis sentinel did not start; see $dir/server.log"
    redis_wait "$port" "sentinel-$port"
  done
  say "redis sentinel group 'baton' on 127.0.0.1:${REDIS_SENTINEL_PORTS[*]} (data $REDIS_SENTINEL_MASTER/$REDIS_SENTINEL_REPLICA)"
}

redis_launch_conf() { # name port: a data server from its own (rewritable) config file
  local name=$1 port=$2 dir="$REDIS_DIR/$1"
  if redis_ping "$port"; then
    say "redis $name already answers on 127.0.0.1:$port; using it"
    return 0
  fi
  redis-server "$dir/redis.conf" --bind 127.0.0.1 --port "$port" --dir "$dir" --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/server.log" --save "" \
    --maxmemory-policy noeviction --protected-mode no \
    || die "redis $name did not start; see $dir/server.log"
  redis_wait "$port" "$name"
  say "redis $name running on 127.0.0.1:$port (data $dir)"
}

redis_start() {
  if ! command -v redis-server >/dev/null || ! command -v redis-sentinel >/dev/null \
    || ! command -v redis-cli >/dev/null; then
    apt_install redis-server redis-tools redis-sentinel
  fi
  mkdir -p "$REDIS_DIR"
  redis_launch standalone "$REDIS_PORT" --appendonly yes --appendfsync everysec
  redis_cluster_start
  redis_sentinel_start
  redis_tls_cert
  if redis_ping "$REDIS_TLS_PORT" $(redis_tls_args); then
    say "redis tls already answers on 127.0.0.1:$REDIS_TLS_PORT; using it"
  else
    local dir="$REDIS_DIR/tls"
    redis-server --bind 127.0.0.1 --port 0 --tls-port "$REDIS_TLS_PORT" --dir "$dir" \
      --tls-cert-file "$dir/server.crt" --tls-key-file "$dir/server.key" \
      --tls-ca-cert-file "$dir/ca.crt" --tls-auth-clients no --daemonize yes \
      --pidfile "$dir/redis.pid" --logfile "$dir/server.log" --save "" \
      --maxmemory-policy noeviction --protected-mode no \
      || die "redis tls did not start; see $dir/server.log"
    redis_wait "$REDIS_TLS_PORT" tls $(redis_tls_args)
    say "redis tls running on 127.0.0.1:$REDIS_TLS_PORT (trust $dir/ca.crt)"
  fi
}

redis_stop_one() { # name: stops an instance this checkout started (its pid file is here)
  local name=$1 pidfile="$REDIS_DIR/$1/redis.pid" pid i
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" # a clean shutdown: Redis fsyncs the AOF before it exits
    for i in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && die "redis $name (pid $pid) did not stop"
  fi
  rm -f "$pidfile"
}

redis_stop() {
  local name
  for name in tls "${REDIS_SENTINEL_PORTS[@]/#/sentinel-}" sentinel-replica sentinel-master \
    "${REDIS_CLUSTER_PORTS[@]/#/cluster-}" standalone; do
    redis_stop_one "$name"
  done
  say "redis stopped"
}

redis_status() {
  local port
  if redis_ping "$REDIS_PORT"; then
    echo "redis: standalone on 127.0.0.1:$REDIS_PORT (AOF everysec), redis://127.0.0.1:$REDIS_PORT"
  else
    echo "redis: standalone stopped (start: ./scripts/services start redis)"
  fi
  for port in "${REDIS_CLUSTER_PORTS[@]}"; do
    redis_ping "$port" && echo "  cluster node 127.0.0.1:$port" || echo "  cluster node $port stopped"
  done
  for port in "$REDIS_SENTINEL_MASTER" "$REDIS_SENTINEL_REPLICA" "${REDIS_SENTINEL_PORTS[@]}"; do
    redis_ping "$port" && echo "  sentinel group 127.0.0.1:$port" || echo "  sentinel group $port stopped"
  done
  echo "  redis-sentinel://127.0.0.1:${REDIS_SENTINEL_PORTS[0]}/baton"
  if [ -f "$REDIS_DIR/tls/ca.crt" ] && redis_ping "$REDIS_TLS_PORT" $(redis_tls_args); then
    echo "  tls on 127.0.0.1:$REDIS_TLS_PORT, trust $REDIS_DIR/tls/ca.crt"
  else
    echo "  tls stopped"
  fi
}

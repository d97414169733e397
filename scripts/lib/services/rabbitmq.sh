# RabbitMQ for the baton-rabbitmq tests: Debian's rabbitmq-server, run as our own node
# baton@localhost on 127.0.0.1, with its data, logs, config and Erlang cookie under
# .baton/services/rabbitmq. Ports: BATON_RABBITMQ_PORT (AMQP, 55672), then +1 for Erlang
# distribution and +2 for the management HTTP API, which tests use to make a vhost per test class.
# User baton, password baton, administrator on every vhost. Sourced by scripts/services.
RABBITMQ_PORT="${BATON_RABBITMQ_PORT:-55672}"
RABBITMQ_DIR="$ROOT/rabbitmq"
RABBITMQ_BIN=/usr/lib/rabbitmq/bin

# The node's whole environment: every rabbitmq-* command below runs with it, so that the CLI tools
# find this node and its cookie, never a system instance.
rabbitmq_env() {
  env HOME="$RABBITMQ_DIR" \
    RABBITMQ_NODENAME=baton@localhost \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$RABBITMQ_PORT" \
    RABBITMQ_DIST_PORT="$((RABBITMQ_PORT + 1))" \
    RABBITMQ_MNESIA_BASE="$RABBITMQ_DIR/mnesia" \
    RABBITMQ_LOG_BASE="$RABBITMQ_DIR/log" \
    RABBITMQ_PID_FILE="$RABBITMQ_DIR/rabbitmq.pid" \
    RABBITMQ_CONFIG_FILE="$RABBITMQ_DIR/rabbitmq.conf" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$RABBITMQ_DIR/advanced.config" \
    RABBITMQ_CONF_ENV_FILE="$RABBITMQ_DIR/rabbitmq-env.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$RABBITMQ_DIR/enabled_plugins" \
    "$@"
}

rabbitmqctl_baton() { rabbitmq_env "$RABBITMQ_BIN/rabbitmqctl" -n baton@localhost "$@"; }

rabbitmq_running() {
  [ -x "$RABBITMQ_BIN/rabbitmqctl" ] && [ -f "$RABBITMQ_DIR/.erlang.cookie" ] \
    && rabbitmqctl_baton -q status >/dev/null 2>&1
}

# The Debian package starts a system instance (rabbit@host on 5672) where services may start on
# install; it is not ours and only takes memory, so it is stopped and disabled right after install.
rabbitmq_install() {
  apt_install rabbitmq-server
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    systemctl disable --now rabbitmq-server >/dev/null 2>&1 || true
  elif command -v service >/dev/null; then
    service rabbitmq-server stop >/dev/null 2>&1 || true
  fi
}

rabbitmq_start() {
  [ -x "$RABBITMQ_BIN/rabbitmq-server" ] || rabbitmq_install
  if rabbitmq_running; then
    say "rabbitmq already running on 127.0.0.1:$RABBITMQ_PORT"
    return 0
  fi
  if command -v curl >/dev/null \
    && curl -sf -u baton:baton "http://127.0.0.1:$((RABBITMQ_PORT + 2))/api/overview" >/dev/null 2>&1; then
    # Another checkout's test broker (its own data folder and cookie) holds the ports: share it.
    say "rabbitmq: another Baton test broker already answers on 127.0.0.1:$RABBITMQ_PORT; using it"
    return 0
  fi
  mkdir -p "$RABBITMQ_DIR/mnesia" "$RABBITMQ_DIR/log"
  chmod 700 "$RABBITMQ_DIR"
  cat >"$RABBITMQ_DIR/rabbitmq.conf" <<EOF
# Baton test broker (scripts/lib/services/rabbitmq.sh)
listeners.tcp.default = 127.0.0.1:$RABBITMQ_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $((RABBITMQ_PORT + 2))
loopback_users = none
EOF
  echo "[rabbitmq_management]." >"$RABBITMQ_DIR/enabled_plugins"
  : >"$RABBITMQ_DIR/rabbitmq-env.conf"
  echo "[]." >"$RABBITMQ_DIR/advanced.config"
  setsid bash -c "$(declare -f rabbitmq_env); RABBITMQ_DIR='$RABBITMQ_DIR' RABBITMQ_PORT='$RABBITMQ_PORT' \
    rabbitmq_env '$RABBITMQ_BIN/rabbitmq-server'" </dev/null >"$RABBITMQ_DIR/server.out" 2>&1 &
  local i
  for i in $(seq 1 240); do
    [ -f "$RABBITMQ_DIR/.erlang.cookie" ] && rabbitmqctl_baton -q await_startup -t 5 >/dev/null 2>&1 && break
    sleep 0.5
  done
  rabbitmq_running || die "rabbitmq did not start on 127.0.0.1:$RABBITMQ_PORT; see $RABBITMQ_DIR/server.out and $RABBITMQ_DIR/log (is the port taken? set BATON_RABBITMQ_PORT)"
  if ! rabbitmqctl_baton -q list_users 2>/dev/null | grep -q '^baton\b'; then
    rabbitmqctl_baton -q add_user baton baton >/dev/null || die "creating user baton failed"
  fi
  rabbitmqctl_baton -q set_user_tags baton administrator >/dev/null || die "tagging user baton failed"
  if ! rabbitmqctl_baton -q list_vhosts 2>/dev/null | grep -qx 'baton'; then
    rabbitmqctl_baton -q add_vhost baton >/dev/null || die "creating vhost baton failed"
  fi
  rabbitmqctl_baton -q set_permissions -p baton baton '.*' '.*' '.*' >/dev/null \
    || die "granting baton its vhost failed"
  rabbitmqctl_baton -q delete_user guest >/dev/null 2>&1 || true
  say "rabbitmq running on 127.0.0.1:$RABBITMQ_PORT (node baton@localhost, data $RABBITMQ_DIR, management 127.0.0.1:$((RABBITMQ_PORT + 2)))"
}

rabbitmq_stop() {
  if ! rabbitmq_running; then
    say "rabbitmq not running"
    return 0
  fi
  # shutdown waits until the node's process has exited, so a restart finds the ports free.
  rabbitmqctl_baton -q shutdown >/dev/null || die "stopping rabbitmq failed"
  say "rabbitmq stopped"
}

rabbitmq_status() {
  if rabbitmq_running; then
    echo "rabbitmq: running on 127.0.0.1:$RABBITMQ_PORT (node baton@localhost), data $RABBITMQ_DIR, logs $RABBITMQ_DIR/log"
    echo "  amqp://baton:****@127.0.0.1:$RABBITMQ_PORT/baton?state=sqlite:baton.db"
  else
    echo "rabbitmq: stopped (start: ./scripts/services start rabbitmq)"
  fi
}

EXTRA_SERVICES+=(rabbitmq)

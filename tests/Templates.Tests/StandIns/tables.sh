# Sourced by the database stand-ins: a database is a directory under $STANDIN_DIR/db/, its
# tables are files created by the CREATE TABLE statements of the scripts applied to it, and
# every script applied is named in its "applied" file (so a test sees which script went where).
db_dir() { printf '%s/db/%s' "$STANDIN_DIR" "$1"; }
db_exists() { [ -d "$(db_dir "$1")" ]; }
db_create() { mkdir -p "$(db_dir "$1")/tables"; printf '%s\n' "$2" >> "$STANDIN_DIR/db/created.log"; }
# db_apply DB SCRIPT_TEXT_FILE: the script's first line names it ("-- script: apimgt/mysql.sql").
db_apply() {
  local dir name
  dir=$(db_dir "$1")
  [ -d "$dir" ] || { echo "stand-in: database $1 does not exist" >&2; return 1; }
  head -n 1 "$2" | sed 's/^-- script: //' >> "$dir/applied"
  [ "${STANDIN_NO_TABLES:-}" = 1 ] && return 0
  grep -Eio 'CREATE TABLE( IF NOT EXISTS)? [A-Za-z_]+' "$2" | awk '{print $NF}' | while read -r name; do
    touch "$dir/tables/${name^^}"
  done
}
db_has_table() { [ -f "$(db_dir "$1")/tables/${2^^}" ] && echo 1 || echo 0; }

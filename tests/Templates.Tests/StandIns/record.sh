# Sourced by every stand-in: appends the command's argv, one call per line, to $STANDIN_ARGV
# so a test can assert that no secret was ever an argument.
printf '%s' "$(basename "$0")" >> "$STANDIN_ARGV"
printf ' %s' "$@" >> "$STANDIN_ARGV"
printf '\n' >> "$STANDIN_ARGV"

# moto_server for the stand-ins: moto's own WSGI app on a port the kernel picks.
# argv[1]: "serial" (one request at a time), "threaded", or "forks": import once, then fork a server
# per stdin line "<serial|threaded> <id>" (see MotoForkServer.cs); argv[2] "unpatched" runs moto as shipped.
# Each patch below gives the same answers as moto, at a fraction of its CPU (MotoPatchTests, MotoServerTests).
import os
import sys
import threading

from werkzeug.serving import WSGIRequestHandler, make_server
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app


def patch_sort():
    """Query and Scan sort every item of the table: compute each item's sort key once, not per comparison."""
    from moto.dynamodb.models.table import Table

    def all_items(self):
        items = [item for hash_set in self.items.values() for item in (hash_set.values() if self.range_key_attr else [hash_set])]
        return sorted(items, key=lambda x: (x.hash_key.cast_value, x.range_key.cast_value) if x.range_key else x.hash_key.cast_value)

    Table.all_items = all_items


def patch_attribute_values():
    """Serialize DynamoDB's AttributeValues directly instead of walking the service model per value (other services' shapes of that name keep the walk)."""
    from moto.core.serialize import BaseJSONSerializer

    walk = BaseJSONSerializer._serialize_type_structure

    class Unusual(Exception):
        """A value moto's walk treats its own way (not a dict of AttributeValue members)."""

    def convert(serializer, value):
        if type(value) is not dict or not value.keys() <= MEMBER_SET:
            raise Unusual
        out = {}
        for name in MEMBERS:
            member = value.get(name)
            if member is None:
                continue
            if name == "B":
                member = serializer._base64(member)
            elif name == "BS":
                member = [serializer._base64(b) for b in member]
            elif name == "M":
                member = {k: convert(serializer, v) for k, v in member.items()}
            elif name == "L":
                member = [convert(serializer, v) for v in member]
            elif name in ("SS", "NS"):
                member = list(member)
            out[name] = member
        return out

    def serialize_structure(self, serialized, value, shape, key):
        if key and shape.name == "AttributeValue" and self.service_model.service_name == "dynamodb":
            try:
                serialized[key] = convert(self, value)
                return
            except Unusual:
                pass
        walk(self, serialized, value, shape, key)

    BaseJSONSerializer._serialize_type_structure = serialize_structure


# The members of DynamoDB's AttributeValue in the order of its service model (checked at start-up).
MEMBERS = ("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL")
MEMBER_SET = frozenset(MEMBERS)


def check_attribute_value_members():
    from moto.core.serialize import BaseJSONSerializer  # noqa: F401 (the patched class)
    from moto.core.utils import get_service_model

    shape = get_service_model("dynamodb").shape_for("AttributeValue")
    if tuple(shape.members) != MEMBERS:
        raise SystemExit(f"moto's AttributeValue members changed: {tuple(shape.members)}")


def patch_transactions():
    """TransactWriteItems backs up the items it names, not a deep copy of every table it names."""
    from moto.dynamodb import models

    real_copy = models.copy
    local = threading.local()

    class Copier:
        """moto's models module sees this as `copy`: a Table is not copied while a transaction runs."""

        @staticmethod
        def deepcopy(value, *args):
            if getattr(local, "active", False) and isinstance(value, models.Table):
                return value
            return real_copy.deepcopy(value, *args)

        def __getattr__(self, name):
            return getattr(real_copy, name)

    models.copy = Copier()
    transact = models.DynamoDBBackend.transact_write_items

    def backups(backend, transact_items):
        saved = {}
        for entry in transact_items:
            op = next(iter(entry.values()))
            table = backend.get_table(op["TableName"])
            if table.stream_shard is not None:
                return None
            attrs = op["Item"] if "Item" in op else op["Key"]
            hash_key, range_key = backend.get_keys_value(table, attrs)
            slot = (op["TableName"], hash_key, range_key)
            if slot not in saved:
                saved[slot] = (table, real_copy.deepcopy(table.get_item(hash_key, range_key)))
        return saved

    def restore(saved):
        for (_, hash_key, range_key), (table, item) in saved.items():
            if item is None:
                if table.get_item(hash_key, range_key) is not None:
                    table.delete_item(hash_key, range_key)
            elif range_key is not None:
                table.items[hash_key][range_key] = item
            else:
                table.items[hash_key] = item

    def transact_write_items(self, transact_items):
        try:
            saved = backups(self, transact_items)
        except Exception:
            saved = None
        if saved is None:
            # Input moto rejects itself, or a table with a stream: moto's own way.
            return transact(self, transact_items)
        local.active = True
        try:
            return transact(self, transact_items)
        except BaseException:
            restore(saved)
            raise
        finally:
            local.active = False

    models.DynamoDBBackend.transact_write_items = transact_write_items


def patch_module_listing():
    """The dispatcher lists moto's package directory for every request: list it once."""
    from moto import backends

    modules = tuple(backends.list_of_moto_modules())
    backends.list_of_moto_modules = lambda: modules


def patch_traversal():
    """Each update-expression pass rebuilt its tuple of node types at every node: build it once per pass."""
    from moto.dynamodb.parsing.ast_nodes import DepthFirstTraverser, Node

    def traverse(self, root):
        wanted = self.nodes_to_be_processed()

        def visit(node, child_id):
            if isinstance(node, Node):
                parent = node.parent
                if node.children is not None:
                    for i, child in enumerate(node.children):
                        self.pre_processing_of_child(node, i)
                        visit(child, i)
                if isinstance(node, wanted):
                    node = self.process(node)
                    node.parent = parent
                    if parent:
                        parent.children[child_id] = node
            return node

        return visit(root, -1)

    DepthFirstTraverser.traverse = traverse


class Quiet(WSGIRequestHandler):
    """No log line per request: nobody reads it, and writing it cost a millisecond a request."""

    def log_request(self, *args, **kwargs):
        pass


# Services whose Flask app a fork server builds once, for every server it forks: all serve DynamoDB.
PRELOADED = ("dynamodb",)


def new_server(mode, app):
    return make_server("127.0.0.1", 0, app, threaded=mode == "threaded", request_handler=Quiet)


def report(line):
    """One write(2) per line: servers share the pipe, and a line under PIPE_BUF is never interleaved (print may write the newline apart)."""
    os.write(1, (line + "\n").encode())


def fork_servers():
    """Forks a fresh server per command until stdin closes; the kernel kills each server when this process ends."""
    import ctypes
    import random
    import signal

    from moto.moto_api._internal import mock_random

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps servers that end
    app = DomainDispatcherApplication(create_backend_app)
    for service in PRELOADED:
        app.app_instances[service] = create_backend_app(service)
    import gc
    gc.freeze()  # what is imported stays out of every server's collections: fewer pages copied on write
    parent = os.getpid()
    for line in sys.stdin:
        # A bad line or a failed fork costs that one server, never the fork server and the servers it forked.
        mode, _, ident = line.strip().partition(" ")
        try:
            if os.fork():
                continue
        except OSError as error:
            report(f"MOTO_FORK={ident} failed {type(error).__name__}: {error}")
            continue
        try:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
            if os.getppid() != parent:
                os._exit(0)
            os.close(0)
            random.seed()
            mock_random.seed()
            if mode not in ("serial", "threaded"):
                raise ValueError(f"unknown mode {mode!r}")
            server = new_server(mode, app)
            os.environ["MOTO_PORT"] = str(server.port)
            report(f"MOTO_FORK={ident} {os.getpid()} {server.port}")
            server.serve_forever()
        except BaseException as error:
            report(f"MOTO_FORK={ident} failed {type(error).__name__}: {error}".replace("\n", " ")[:400])
        finally:
            os._exit(1)


if __name__ == "__main__":
    if sys.argv[2:3] != ["unpatched"]:
        check_attribute_value_members()
        patch_sort()
        patch_attribute_values()
        patch_transactions()
        patch_module_listing()
        patch_traversal()
    if sys.argv[1] == "forks":
        fork_servers()
        sys.exit(0)
    server = new_server(sys.argv[1], DomainDispatcherApplication(create_backend_app))
    os.environ["MOTO_PORT"] = str(server.port)
    print("MOTO_PORT=" + str(server.port), flush=True)
    server.serve_forever()

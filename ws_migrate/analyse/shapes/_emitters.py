"""An event emitter subclass that re-emits each message on itself by a field, when linked.

```ts
class LiveSocket extends EventEmitter {
  connect() {
    this.socket = new Sockette(url, { onmessage: (e) => {
      const { event, args } = JSON.parse(e.data);
      this.emit(event, ...args);          // each message, by its `event`
    }, onclose: () => this.emit('closed') });  // its own event: no message type
  }
}
const socket = new LiveSocket(); socket.on('status', fn);          // any file
export const live = new LiveSocket(); live.addListener(SocketEvent.STATS, fn);
function useSocketEvent(event: SocketEvent, fn) { live.addListener(event, fn); }  // its callers'
```

`_messages` records the emit as `Handler.emits_to` `this`; the types are what is registered
(`on`, `addListener`, `once`, …) on the instances of that class the linker can tell: calls on a
variable holding `new C()` (local, a field of `this`, a module instance, in any file), on a
receiver declared `C`, and those the class makes on itself; not on other emitters. The names the
class emits on itself with a literal (`this.emit('closed')`) are its own events, no type. An
instance handed on (to a store, a setter, a context) is reached where it is taken back only by
code the scan does not follow: `handed_on` says where, so the connection says so.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ws_migrate.analyse._inventory import TypeSite
from ws_migrate.analyse.shapes import _walked as walked

if TYPE_CHECKING:
    from ws_migrate.analyse._link import _Linker
    from ws_migrate.analyse._model import FileSummary, Site

# an emitter's own events (Node's), and mitt's every-event wildcard: no message type
_EMITTER_EVENTS = frozenset({"*", "newListener", "removeListener", "error"})
_EMITS = re.compile(r"^(?:emit|trigger|fire|dispatch|publish)$")


def is_registration(method: str) -> bool:
    """`on`, `once`, `addListener`, `prependListener`…: a method that registers a handler by name."""
    return walked.REGISTERS.match(method) is not None or method in ("prependListener", "prependOnceListener")


def own_events(summary: FileSummary | None, cls: str) -> frozenset[str]:
    """The names class `cls` emits on itself with a literal (`this.emit('SOCKET_CLOSE')`)."""
    out: set[str] = set()
    for site in summary.calls if summary is not None else ():
        obj, _, method = site.callee.rpartition(".")
        if obj == "this" and _EMITS.match(method) and site.owner and site.owner.split(".")[0] == cls:
            out.update(u.type for u in site.type_args if u.type and u.param is None)
    return frozenset(out)


def registered(linker: _Linker, rel: str, cls: str) -> list[TypeSite]:
    """The types registered on the instances of class `cls` of file `rel`, wherever they are."""
    out: list[TypeSite] = []
    for frel, site in linker.on_class.get((rel, cls), ()):
        method = site.callee.rsplit(".", 1)[-1]
        out.extend(linker._type_sites(frel, site.type_args, method))
    for frel, site in linker.callers.get((rel, cls), ()):
        if site.kind != "new":
            continue
        for r in site.registrations:  # `const socket = new C(); socket.on('status', fn)`
            if is_registration(r.method):
                out.extend(linker._type_sites(frel, (r.use,), r.method))
    return [t for t in out if t.type not in _EMITTER_EVENTS]


def handed_on(linker: _Linker, rel: str, cls: str) -> tuple[str, int, int] | None:
    """(file, line made, line handed on) of the first `new C()` whose instance is handed on (a
    store's setter, a context, returned): registrations where it is taken back are not followed."""
    for frel, site in linker.callers.get((rel, cls), ()):
        if site.kind == "new" and site.escape_line and not site.binding.module:
            return frel, site.pos.line, site.escape_line
    return None


def emitting_class(site: Site) -> str:
    """The class whose instance `site`'s message handler emits each message on (`this.emit`)."""
    if not site.owner or not any("this" in h.emits_to for h in site.handlers):
        return ""
    return site.owner.split(".")[0]

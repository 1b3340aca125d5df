"""Functions that give back the message they are given: filters.

A handler may hand each message to a function that consumes some kinds itself and gives the
rest back, then call the caller's callback with what it got back:

```ts
ws.onmessage = (event) => {
  const data = processMessage(JSON.parse(event.data));   // still the message
  options.msgCallback.call(this, data);                   // the callers' callbacks read it
};
export const processMessage = (response) => {             // another module
  if ('msg' === response.cmd) { showMessage(response.msg); return false; }   // consumed
  return response;                                                         // passed on
};
```

`passes` says which parameter a function returns unchanged (every other `return` giving back
nothing: `false`, `null`, `undefined`, a bare `return`). The message reader cannot tell from one
file whether an imported function is one, so it reads the handler twice where the message is
given to a function whose result it keeps (`Handler.filtered`, with the functions in
`Handler.filters`); the linker takes that reading where every one of them is a filter
(`FunctionInfo.passes`), and the function's own comparisons count as a delegate's do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ws_migrate.analyse.shapes._lifecycle import own_returns

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._typescript import _FileAnalysis

# what a filter returns for a message it consumed
_NOTHING = frozenset({"false", "null", "undefined"})


def passes(ctx: _FileAnalysis, fn: Node) -> int:
    """The parameter `fn` returns unchanged where it returns a value at all (`return response`
    or `return false`), or -1: `(m) => m` is 0, `(socket, msg) => { …; return msg }` is 1."""
    params = {local: index for index, path, local, _ in ctx.params(fn) if not path}
    body = fn.child_by_field_name("body")
    if not params or body is None:
        return -1
    if body.type != "statement_block":
        returned = [ctx.unwrap(body)]
    else:
        returned = []
        for ret in own_returns(ctx, fn):
            value = ctx.unwrap(ret.named_children[0]) if ret.named_children else None
            if value is not None and not (value.type in _NOTHING or ctx.text(value) in _NOTHING
                                          or ctx.text(value) == "void 0"):
                returned.append(value)
    if not returned or any(v is None or v.type != "identifier" for v in returned):
        return -1
    names = {ctx.text(v) for v in returned if v is not None}
    if len(names) != 1:
        return -1
    name = names.pop()
    if name not in params or any(fn.start_byte <= a.start_byte < fn.end_byte for a in ctx.assignments_of(name)):
        return -1  # (a parameter set to another value is not what it was given)
    return params[name]

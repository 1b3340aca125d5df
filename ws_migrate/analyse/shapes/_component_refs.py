"""Vue components reached through template refs: a component's exposed function is a wrapper.

```vue
<!-- components/LiveConsole.vue: a wrapper level, `open` takes the path -->
<script setup lang="ts">
const open = (params: ConsoleParams) => connect(params.path, params.query)
defineExpose({ open, close })                  // what a parent's ref reaches
</script>

<!-- views/PodShell.vue: the connection is the parent's call -->
<LiveConsole ref="consoleRef" />
const consoleRef = ref<InstanceType<typeof LiveConsole> | null>(null)
consoleRef.value!.open({ path: '/api/pods/exec', query })   // a call of LiveConsole's `open`
this.$refs.console.open({ path: '/api/jobs/log' })          // the options API's way
```

`exposes` reads a `<script setup>`'s `defineExpose({ … })`: the names a parent's ref can call
and the functions of the file they are (`FileSummary.exposes`; an options API component's
`methods` are its functions already, named after it). `receiver` tells, at a member call in a
component, the imported component a ref names: one whose template puts `ref="name"` on the
component's tag (`<LiveConsole>` or `<live-console>`), or declared `ref<InstanceType<typeof
C>>`, or indexed by a run-time key (`this.$refs[key][0]`, `getCurrentInstance().refs[…]`) where the
tag of one component alone binds its ref at run time (`:ref="'t-' + i"`); the call is then a
site with that component as its receiver, which the linker resolves through the component's
`exposes`.

Case folder: `tests/data/scan/component_refs/`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ws_migrate.parse._components import script_blocks

if TYPE_CHECKING:
    from tree_sitter import Node

    from ws_migrate.analyse._typescript import _FileAnalysis

# a tag with a static `ref="name"` among its attributes (`>` inside an attribute's value ends
# the match early: a ref after it is missed, never a wrong one)
_TAG_REF = re.compile(rb"""<([A-Za-z][\w.-]*)\b[^<>]*?\sref\s*=\s*["']([A-Za-z_$][\w$]*)["']""")
# a ref bound at run time, `:ref="'t-' + item.index"`
_BOUND_REF = re.compile(rb"""<([A-Za-z][\w.-]*)\b[^<>]*?\s(?::|v-bind:)ref\s*=""")
_TYPED_REF = re.compile(rb"""\b([A-Za-z_$][\w$]*)\s*=\s*(?:shallowRef|ref)\s*<\s*InstanceType\s*<\s*typeof\s+([A-Za-z_$][\w$]*)""")


_BOUND = "<bound>"  # the ref name standing for a ref bound at run time


def exposes(ctx: _FileAnalysis) -> tuple[tuple[str, str], ...]:
    """(name, function) per property of a `<script setup>`'s `defineExpose({ … })` naming a
    function of the file: `{ open }`, `{ open: openConsole }`."""
    if not ctx.rel.endswith(".vue") or b"defineExpose" not in ctx.src:
        return ()
    out: list[tuple[str, str]] = []
    local = ctx.local_functions()
    for call in ctx._calls_by_name.get("defineExpose", ()):
        args = call.child_by_field_name("arguments")
        obj = ctx.unwrap(args.named_children[0]) if args is not None and args.named_children else None
        if obj is None or obj.type != "object":
            continue
        for prop in obj.named_children:
            if prop.type == "shorthand_property_identifier":
                name = value = ctx.text(prop)
            elif prop.type == "pair":
                key, val = prop.child_by_field_name("key"), ctx.unwrap(prop.child_by_field_name("value"))
                if key is None or val is None or val.type != "identifier":
                    continue
                name, value = ctx.text(key).strip("'\""), ctx.text(val)
            else:
                continue
            if value in local:
                out.append((name, value))
    return tuple(out)


def _template_refs(ctx: _FileAnalysis) -> dict[str, str]:
    """Ref name → the imported component whose tag in the template carries it."""
    if ctx._component_refs is not None:
        return ctx._component_refs
    out: dict[str, str] = {}
    if ctx.rel.endswith(".vue") and b"ref" in ctx.src:
        scripts = script_blocks(ctx.src)
        components = {_tag_of(name): name for name, imp in ctx._imports.items() if imp.imported == "default"}
        for m in _TAG_REF.finditer(ctx.src):
            if any(start <= m.start() < end for start, end, _ in scripts):
                continue
            component = components.get(_tag_of(m.group(1).decode("utf-8", "replace")))
            if component is not None:
                out.setdefault(m.group(2).decode("utf-8", "replace"), component)
        bound = {components.get(_tag_of(m.group(1).decode("utf-8", "replace")))
                 for m in _BOUND_REF.finditer(ctx.src) if not any(start <= m.start() < end for start, end, _ in scripts)}
        if len(bound) == 1 and None not in bound:  # `$refs[key]` can only be that component's
            out[_BOUND] = bound.pop()  # type: ignore[assignment]
        for m in _TYPED_REF.finditer(ctx.src):
            name, typed = (g.decode("utf-8", "replace") for g in m.groups())
            if typed in components.values():
                out.setdefault(name, typed)
    ctx._component_refs = out
    return out


def _tag_of(name: str) -> str:
    """The form a component's tag and its import share: `live-console`, `LiveConsole` →
    `liveconsole`."""
    return name.replace("-", "").lower()


def receiver(ctx: _FileAnalysis, obj: Node) -> str | None:
    """The imported component whose exposed functions a call on `obj` reaches: `name.value`
    (also `name.value!`, `name.value?.`) of a ref on the component, `this.$refs.name`,
    `this.$refs['name']`, `$refs.name`; `this.$refs[key][0]` where one component's tag alone
    binds its ref at run time (`:ref="'t-' + i"`)."""
    refs = _template_refs(ctx)
    if not refs:
        return None
    node = ctx.unwrap(obj)
    if node is None:
        return None
    index = node.child_by_field_name("index") if node.type == "subscript_expression" else None
    if index is not None and index.type == "number":  # `this.$refs.list[0]` of a ref in a `v-for`
        node = ctx.unwrap(node.child_by_field_name("object"))
    if node is None or node.type not in ("member_expression", "subscript_expression"):
        return None
    holder = ctx.unwrap(node.child_by_field_name("object"))
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        name = ctx.text(prop) if prop is not None else ""
    else:
        name = ctx.string_value(node.child_by_field_name("index")) or _BOUND
    if holder is None:
        return None
    if name == _BOUND:  # `this.$refs[key][0]`, `instance.refs[\`t-${i}\`][0]` of the one bound ref
        last = ctx.text(holder).replace(" ", "").replace("?.", ".").rpartition(".")[2]
        return refs.get(_BOUND) if last in ("$refs", "refs") else None
    if name == "value" and node.type == "member_expression" and holder.type == "identifier":
        return refs.get(ctx.text(holder))  # `consoleRef.value`
    if ctx.text(holder).replace(" ", "") in ("this.$refs", "$refs", "vm.$refs"):
        return refs.get(name)  # `this.$refs.console`
    return None

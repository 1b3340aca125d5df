"""Symbolic values: what the scanner knows about a URL or an argument without running the code.

A URL is a `Template` of parts: literal text (`Lit`), a parameter of the function that opens the
socket (`Param`), or something only known at run time (`Unknown`). Wrapper calls substitute their
arguments for `Param`s; `url_info` then reads the path out of the resolved template.

Two parts stand for what another file says, and are resolved when files are linked: `Ref` (an
imported name, `MESSAGE_TYPES.AUTH_OK`, `WS_PATH`) and `Call` (a call of an imported helper,
`buildWebSocketUrl('compile')`). A `Choice` is a run-time pick between values the code spells out
(`admin ? '/ws/admin' : '/ws/user'`): `alternatives` expands it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Union


@dataclass(frozen=True)
class Lit:
    """Text known when the code is read."""

    text: str


@dataclass(frozen=True)
class Param:
    """Parameter `index` of the owning function, then `path` into it (`{ topic }`, `opts.topic`)."""

    index: int
    path: tuple[str, ...]
    name: str
    owner: str = ""  # the function whose parameter it is: one URL may mix two (ctor + method)
    # what it is where a call leaves it out (`(url = DEFAULT_URL)`, `({ address = base() } = {})`)
    default: Value | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Unknown:
    """A value known only at run time; `name` is how the code calls it (`host`, `token`)."""

    name: str


@dataclass(frozen=True)
class Env(Unknown):
    """A variable of the build's environment (`import.meta.env.VITE_WS_URL`,
    `process.env.REACT_APP_WS_URL`, `$env/static/public`): run time, unless an `.env` file of
    the package sets it, which linking reads."""


@dataclass(frozen=True)
class Ref:
    """A name this file imports (or a global), then `path` into it: known once files are linked."""

    name: str
    path: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.path[-1] if self.path else self.name


@dataclass(frozen=True)
class Call:
    """What calling `callee` (a name this file imports, or `ns.fn`) with `args` returns."""

    callee: str
    args: tuple[Value, ...]

    @property
    def name(self) -> str:
        return self.callee.rsplit(".", 1)[-1]


@dataclass(frozen=True)
class Choice:
    """One of `options`, picked at run time. With a `test` (a value that calls or other files
    may make known), the pick is `options[0]` when the test holds: `test` is truthy, or equals
    `equals` (differs from it, with `negated`)."""

    options: tuple[Value, ...]
    test: Value | None = None
    equals: str | None = None
    negated: bool = False
    # not a pick but every one: the variable of a loop over a list (`for (const t of topics)`),
    # a socket opened per element (`sockets_of`)
    each: bool = False

    @property
    def name(self) -> str:
        return "choice"

    def decided(self) -> Value | None:
        """The option the test picks, once the test's value is text; None while it is not."""
        if self.test is None or len(self.options) != 2:
            return None
        if self.equals == DEFINED:  # `x !== undefined`: any value a caller gives is one
            if has_param(self.test) or needs_link(self.test):
                return None
            holds = self.test != _UNDEFINED
            return self.options[0] if holds != self.negated else self.options[1]
        text = _known_text(self.test)
        if text is None:
            return None
        holds = text == self.equals if self.equals is not None else text not in _FALSY
        return self.options[0] if holds != self.negated else self.options[1]


_FALSY = frozenset({"", "false", "0", "null", "undefined"})
DEFINED = "\x00defined"  # `Choice.equals` of a test that the value is given (`x !== undefined`)


Part = Union[Lit, Param, Unknown, Ref, Call, Choice]


@dataclass(frozen=True)
class Template:
    """A value built of literal text, parameters and run-time values, in order."""

    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Obj:
    """An object literal argument (`{ topic: 'system' }`, JSX props)."""

    fields: tuple[tuple[str, Value], ...]
    spread: bool = False  # `{ ...rest, x: 1 }`: it may hold more than its fields
    spreads: tuple[Value, ...] = ()  # what is spread into it, when that is known

    def get(self, key: str) -> Value | None:
        for k, v in self.fields:
            if k == key:
                return v
        for s in reversed(self.spreads):  # `{ ...params, watch: true }` of a parameter
            if isinstance(s, Param):
                return Param(s.index, s.path + (key,), key, s.owner)
            if isinstance(s, Obj):
                got = s.get(key)
                if got is not None:
                    return got
        return None


Value = Union[Template, Obj, Unknown, Param, Ref, Call, Choice]
_UNDEFINED = Template((Lit("undefined"),))  # what a call leaves out, as a condition sees it
_MAX_ALTERNATIVES = 16


# the page's URL less its `http` (`location.origin.substring(4)`, `document.baseURI.substr(4)`):
# `://host` and what follows, to glue after a `ws` the code spells (`'ws' + …`)
PAGE_TAIL = Unknown("\x00page-tail")
PAGE_TAIL_SLASH = Unknown("\x00page-tail/")
_WS_WORD = re.compile(r"wss?$")


def _page_tail(parts: list[Part], tail: Unknown) -> list[Part]:
    """`'ws'` then the page's URL less its `http`: the page's scheme made a socket's, its host."""
    last = parts[-1] if parts else None
    if isinstance(last, Lit) and (m := _WS_WORD.search(last.text)):
        head = last.text[:m.start()]
        parts = parts[:-1] + ([Lit(head)] if head else [])
    out: list[Part] = [Unknown("protocol"), Lit("://"), Unknown("host")]
    if tail is PAGE_TAIL_SLASH:
        out.append(Lit("/"))
    return parts + out


def concat(*values: Value) -> Template:
    """Join values into one template, merging adjacent literals."""
    parts: list[Part] = []
    for v in values:
        seq: tuple[Part, ...]
        if isinstance(v, Template):
            seq = v.parts
        elif isinstance(v, Obj):
            seq = (Unknown("object"),)
        else:
            seq = (v,)
        for p in seq:
            if p == PAGE_TAIL or p == PAGE_TAIL_SLASH:
                parts = _page_tail(parts, PAGE_TAIL_SLASH if p == PAGE_TAIL_SLASH else PAGE_TAIL)
            elif isinstance(p, Lit) and parts and isinstance(parts[-1], Lit):
                parts[-1] = Lit(parts[-1].text + p.text)
            elif not (isinstance(p, Lit) and p.text == ""):
                parts.append(p)
    return Template(tuple(parts))


def literal(text: str) -> Template:
    return Template((Lit(text),))


def has_param(value: Value) -> bool:
    if isinstance(value, Param):
        return True
    if isinstance(value, Template):
        return any(has_param(p) for p in value.parts if not isinstance(p, (Lit, Unknown)))
    if isinstance(value, Obj):
        return any(has_param(v) for _, v in value.fields)
    if isinstance(value, Call):
        return any(has_param(a) for a in value.args)
    if isinstance(value, Choice):
        return any(has_param(o) for o in value.options) or (value.test is not None and has_param(value.test))
    return False


def needs_link(value: Value) -> bool:
    """Does `value` hold a `Ref` or `Call` (something only another file can tell)?"""
    if isinstance(value, (Ref, Call, Env)):
        return True
    if isinstance(value, Param):  # (its default may be: `(url = wsUrl('/x'))`)
        return value.default is not None and needs_link(value.default)
    if isinstance(value, Template):
        return any(isinstance(p, (Ref, Call, Env)) or (isinstance(p, (Choice, Param)) and needs_link(p))
                   for p in value.parts)
    if isinstance(value, Obj):
        return any(needs_link(v) for _, v in value.fields)
    if isinstance(value, Choice):
        return any(needs_link(o) for o in value.options) or (value.test is not None and needs_link(value.test))
    return False


def choice(*options: Value) -> Value:
    """The run-time pick between `options` (one option is itself)."""
    flat: list[Value] = []
    for o in options:
        for x in o.options if isinstance(o, Choice) and o.test is None else (o,):
            if x not in flat:
                flat.append(x)
    return flat[0] if len(flat) == 1 else Choice(tuple(flat[:_MAX_ALTERNATIVES]))


def each_of(*options: Value) -> Value:
    """Every one of `options`, as a loop's variable takes them (one option is itself)."""
    got = choice(*options)
    return Choice(got.options, each=True) if isinstance(got, Choice) and got.test is None else got


def choice_like(model: Choice, *options: Value) -> Value:
    """`options` as the kind of choice `model` is (a pick, or every one)."""
    return each_of(*options) if model.each else choice(*options)


def sockets_of(value: Value) -> list[Value]:
    """The URLs of the sockets one `new WebSocket(value)` opens: one per element of a list a
    loop goes over (`/ws/${t}` for each `t` of `['a', 'b']`), else `value` alone (a pick
    between URLs at run time is one socket)."""
    if isinstance(value, Choice) and value.each:
        return [v for o in value.options for v in sockets_of(o)][:_MAX_ALTERNATIVES]
    if isinstance(value, Template) and any(isinstance(p, Choice) and p.each for p in value.parts):
        combos: list[list[Value]] = [[]]
        for p in value.parts:
            options = list(p.options) if isinstance(p, Choice) and p.each else [Template((p,))]
            combos = [c + [o] for c in combos for o in options][:_MAX_ALTERNATIVES]
        return [concat(*c) for c in combos]
    return [value]


def pick(then: Value, otherwise: Value, test: Value, equals: str | None = None, negated: bool = False) -> Value:
    """`test ? then : otherwise` (with `equals`: `test === equals ? …`), decided now if it can be."""
    if then == otherwise:
        return then
    c = Choice((then, otherwise), test, equals, negated)
    got = c.decided()
    return got if got is not None else c


def _known_text(value: Value) -> str | None:
    return "object" if isinstance(value, Obj) else literal_text(value)


def literal_text(value: Value) -> str | None:
    """The text of `value` when it is all literal (`'/ws/'`), else None."""
    if isinstance(value, Template) and all(isinstance(p, Lit) for p in value.parts):
        return "".join(p.text for p in value.parts)  # type: ignore[union-attr]
    return None


def alternatives(value: Value) -> list[Value]:
    """`value` with its choices expanded: each value it can be (at most eight)."""
    if isinstance(value, Choice):
        out: list[Value] = []
        for o in value.options:
            out.extend(a for a in alternatives(o) if a not in out)
        return out[:_MAX_ALTERNATIVES]
    if isinstance(value, Template) and any(isinstance(p, Choice) for p in value.parts):
        combos: list[list[Value]] = [[]]
        for p in value.parts:
            options = alternatives(p) if isinstance(p, Choice) else [Template((p,))]
            combos = [c + [o] for c in combos for o in options][:_MAX_ALTERNATIVES]
        return [concat(*c) for c in combos]
    return [value]


def substitute(value: Value, args: tuple[Value, ...], owner: str | None = None) -> Value:
    """Replace the `Param`s of `value` by the call's `args` (missing ones become Unknown); with
    `owner`, only that function's (a helper called inside a wrapper leaves the wrapper's own)."""
    if isinstance(value, Param):
        return _arg_for(value, args) if owner is None or value.owner == owner else value
    if isinstance(value, Template):
        return concat(*(substitute(p, args, owner) if isinstance(p, (Param, Call, Choice)) else Template((p,))
                        for p in value.parts))
    if isinstance(value, Obj):
        return Obj(tuple((k, substitute(v, args, owner)) for k, v in value.fields), value.spread,
                   tuple(substitute(s, args, owner) for s in value.spreads))
    if isinstance(value, Call):
        return Call(value.callee, tuple(substitute(a, args, owner) for a in value.args))
    if isinstance(value, Choice):
        if value.test is not None:
            test = value.test
            if isinstance(test, Param) and (owner is None or test.owner == owner):
                test = _arg_for(test, args, _UNDEFINED)
            elif not isinstance(test, Param):
                test = substitute(test, args, owner)
            return pick(substitute(value.options[0], args, owner), substitute(value.options[1], args, owner),
                        test, value.equals, value.negated)
        return choice_like(value, *(substitute(o, args, owner) for o in value.options))
    return value


def called(value: Value, args: tuple[Value, ...], later: tuple[tuple[str, tuple[Value, ...]], ...]) -> Value:
    """`value` (over a wrapper's parameters) as one call of the wrapper makes it: `args` for its
    own parameters, and for those of a function it returns (`Param.owner` `useWS#start`) the
    arguments that function is called with later on the result (`stream.start('/api/gps')`)."""
    if _has_later(value):  # with no later call in sight, such a parameter is a run-time value
        value = apply_later(value, later)
    return substitute(value, args)


def returned_key(owner: str) -> str:
    """The key of the function a factory returns that `owner` names (`createFeed#watch`:
    `watch`), or "" (a private method, `Links.#open`, is no such function)."""
    head, sep, key = owner.rpartition("#")
    return key if sep and head and not head.endswith(".") else ""


def _has_later(value: Value) -> bool:
    if isinstance(value, Param):
        return bool(returned_key(value.owner))
    if isinstance(value, Template):
        return any(_has_later(p) for p in value.parts if not isinstance(p, (Lit, Unknown)))
    if isinstance(value, Choice):
        return any(_has_later(o) for o in value.options)
    return False


def apply_later(value: Value, later: tuple[tuple[str, tuple[Value, ...]], ...]) -> Value:
    if isinstance(value, Param) and returned_key(value.owner):
        method = returned_key(value.owner)
        found = [_arg_for(Param(value.index, value.path, value.name), args) for m, args in later if m == method]
        return choice(*found) if found else Unknown(value.name)
    if isinstance(value, Template):
        return concat(*(apply_later(p, later) if not isinstance(p, (Lit, Unknown)) else Template((p,))
                        for p in value.parts))
    if isinstance(value, Choice):
        return Choice(tuple(apply_later(o, later) for o in value.options), value.test, value.equals, value.negated,
                      value.each)
    return value


def unknown_helper(name: str, args: tuple[Value, ...]) -> Value:
    """What a URL helper whose body is not known returns (`wsUrl('/ws/system')`): a base the app
    picks plus the path it is given; given a whole URL (`wsUrl('wss://host/ws/x')`), the URL;
    given a choice of them (`addParam(absolute ? url : origin + url, 'id', n)`), each's."""
    if args and isinstance(args[0], Choice) and args[0].test is None:
        return choice_like(args[0], *(unknown_helper(name, (o, *args[1:])) for o in args[0].options))
    for a in args:
        if isinstance(a, Param):
            return concat(Unknown(name), a)
        first = a.parts[0] if isinstance(a, Template) and a.parts else None
        if isinstance(first, Lit):
            if "://" in first.text:
                return a
            if first.text.startswith("/"):
                return concat(Unknown(name), a)
    return Unknown(name)


def _elements(val: Value | None) -> Value | None:
    """The elements of list `val`, every one (`['a', 'b']`: each of a, b); a pick between lists
    (a component's own list or its mixin's) picks between their elements; None: not a list."""
    if isinstance(val, Param):
        return Param(val.index, val.path + ("[]",), val.name, val.owner)
    if isinstance(val, Choice) and val.test is None:
        return each_of(*val.options)
    if isinstance(val, Choice):
        options = [_elements(o) for o in val.options]
        if any(o is None for o in options):
            return None
        return Choice(tuple(o for o in options if o is not None), val.test, val.equals, val.negated)
    return val if isinstance(val, (Lit, Template)) else None


def _arg_for(param: Param, args: tuple[Value, ...], missing: Value | None = None) -> Value:
    """What the call passes for `param`; `missing` (when given) for what it plainly leaves out."""
    if param.index >= len(args):
        return _defaulted(param, args) or missing or Unknown(param.name)
    val: Value | None = args[param.index]
    for key in param.path:
        if key == "[]":  # each element of a list (`for (const x of items)`): what it holds
            val = _elements(val)
            if val is None:
                return Unknown(param.name)
            continue
        if isinstance(val, Obj):
            spread = val.spread
            got = val.get(key)
            if got is None and spread:  # `{ ...opts, x }` without `key`: the spread one's
                got = next((Param(s.index, s.path + (key,), key, s.owner) for s in val.spreads
                            if isinstance(s, Param)), None)
            val = got
            if val is None and not spread and (param.default or missing) is not None:
                return _defaulted(param, args) or missing or Unknown(param.name)
        elif isinstance(val, Param):  # passing an options object through: `useX(opts)`
            val = Param(val.index, val.path + (key,), key, val.owner)
        else:
            val = None
        if val is None:
            return Unknown(param.name)
    assert val is not None
    # a run-time value keeps the wrapper's own parameter name: `/ws/health/{userId}` whatever
    # the caller calls its variable, so endpoints stay stable across call sites
    if isinstance(val, Unknown):
        return Unknown(param.name)
    if isinstance(val, Param):
        return Param(val.index, val.path, param.name, val.owner, val.default)
    return val


def _defaulted(param: Param, args: tuple[Value, ...]) -> Value | None:
    """The default of `param` for a call that leaves it out, over the call's other arguments
    (`(host, url = `wss://${host}/x`)`)."""
    if param.default is None or not has_param(param.default):
        return param.default
    return substitute(param.default, args, param.owner)


def only_owner(value: Value, owner: str | None) -> Value:
    """`value` with the parameters of any other function than `owner` made run-time values."""
    if isinstance(value, Param):
        return value if value.owner == owner else Unknown(value.name)
    if isinstance(value, Template):
        if all(not isinstance(p, Param) or p.owner == owner for p in value.parts):
            return value
        return concat(*(only_owner(p, owner) if isinstance(p, Param) else Template((p,)) for p in value.parts))
    if isinstance(value, Obj):
        return Obj(tuple((k, only_owner(v, owner)) for k, v in value.fields), value.spread,
                   tuple(only_owner(s, owner) for s in value.spreads))
    if isinstance(value, Call):
        return Call(value.callee, tuple(only_owner(a, owner) for a in value.args))
    if isinstance(value, Choice):
        if value.test is not None:
            return Choice(tuple(only_owner(o, owner) for o in value.options), only_owner(value.test, owner),
                          value.equals, value.negated)
        return choice_like(value, *(only_owner(o, owner) for o in value.options))
    return value


# --- reading an endpoint out of a template -------------------------------------------------------

_SENTINEL_OPEN, _SENTINEL_CLOSE = "\x01", "\x02"
_SCHEME = re.compile(r"^(?:(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*):)?//(?P<host>[^/?#]*)")
_TOKEN_QUERY = re.compile(r"[?&](?:access_?token|auth_?token|token|jwt|auth|apikey|api_key|key)=", re.IGNORECASE)
_TOKEN_NAME = re.compile(r"token|jwt|auth|secret|apikey|api_key|credential|bearer", re.IGNORECASE)


@dataclass(frozen=True)
class UrlInfo:
    """What a resolved URL template says: endpoint path, host kind, flags."""

    endpoint: str | None  # path with `{name}` placeholders, or None when it cannot be read
    path_template: str  # the path part as written, placeholders and all (`{endpoint}`)
    external: bool
    host: str | None  # literal host when written in the code
    insecure: bool  # hard-coded `ws://`
    token_in_url: bool
    param_in_path: bool  # a Param fills part of the path: the opener is a wrapper
    endpoints: tuple[str, ...] = ()  # of a URL picked at run time between several: each endpoint


def _render(t: Template) -> tuple[str, list[Part]]:
    out: list[str] = []
    dyn: list[Part] = []
    for p in t.parts:
        if isinstance(p, Lit):
            out.append(p.text.replace(_SENTINEL_OPEN, "").replace(_SENTINEL_CLOSE, ""))
        else:
            out.append(f"{_SENTINEL_OPEN}{len(dyn)}{_SENTINEL_CLOSE}")
            dyn.append(p)
    return "".join(out), dyn


_DYN = re.compile(f"{_SENTINEL_OPEN}(\\d+){_SENTINEL_CLOSE}")


@lru_cache(maxsize=65536)
def url_info(value: Value, app_hosts: tuple[str, ...] = ()) -> UrlInfo:
    """Read the endpoint of a socket URL; `app_hosts` are literal hosts that are the app itself."""
    if not isinstance(value, Template):
        value = concat(value)
    text, dyn = _render(value)
    names = [_part_name(p) for p in dyn]
    token = bool(_TOKEN_QUERY.search(text)) or any(_TOKEN_NAME.search(n) for n in names)
    insecure = any(isinstance(p, Lit) and "ws://" in p.text.lower() for p in value.parts)
    rest = text
    host: str | None = None
    host_text = ""  # as written, run-time parts and all
    external = False
    m = _SCHEME.match(rest)
    if m is None:
        # `${proto}//${host}/ws/x` or `${scheme}://…`: a dynamic scheme then `//`
        m2 = re.match(f"^{_DYN.pattern}:?//(?P<host>[^/?#]*)", rest)
        if m2 is not None:
            h = host_text = _host_part(m2.group("host"), dyn)
            rest = rest[m2.start("host") + len(h):]
            host = None if _DYN.search(h) else h
    else:
        h = host_text = _host_part(m.group("host"), dyn)
        rest = rest[m.start("host") + len(h):]
        host = None if _DYN.search(h) else h
    if rest.startswith(_SENTINEL_OPEN):
        rest = _after_base(rest, dyn)
    elif m is None and not host_text and _RELATIVE.match(rest) and not rest.startswith("./") \
            and not _HOST_LIKE.match(re.split(r"[?#]", rest, maxsplit=1)[0]):
        rest = "/" + rest  # `new WebSocket('api/ws')`: relative to the page, under the app's root
    if host == "":
        host = None  # `ws://` alone, a scheme to be completed: no host, no external one
    if host is not None:
        bare = host.split("@")[-1]
        hostname = bare.rsplit(":", 1)[0] if not bare.startswith("[") else bare.split("]")[0] + "]"
        external = hostname.lower() not in {h.lower() for h in app_hosts}
    path = _normal_path(re.split(r"[?#]", rest, maxsplit=1)[0])
    # `ws://localhost:1234`, `wss://${location.host}`: a host and no path is the root endpoint;
    # not `ws://${apiRoot}comms`, where a word glued to a run-time value may be its path
    if not path and host_text and not re.search(f"{_SENTINEL_CLOSE}\\w", host_text) \
            and not _whole_url_host(host_text, dyn):
        path = "/"
    path_template = _DYN.sub(lambda m: "{" + _part_name(dyn[int(m.group(1))]) + "}", path)
    # `ws://${rest}status/live`: a word glued to a run-time value with no dot after it is no
    # host name's (`${tenant}.example.com` is): the value may carry a path, so may the word
    if not path.startswith("/") or re.search(f"{_SENTINEL_CLOSE}\\w[^.]*$", host_text):
        # nothing literal says where the path starts: cannot tell the endpoint
        param_in_path = any(isinstance(dyn[int(i)], Param) for i in _DYN.findall(path))
        return UrlInfo(None, path_template, external, host, insecure, token, param_in_path)
    param_in_path = False

    def name_of(match: re.Match[str]) -> str:
        nonlocal param_in_path
        part = dyn[int(match.group(1))]
        if isinstance(part, Param) and not _TOKEN_NAME.search(part.name):
            param_in_path = True  # a credential in the path is not a routing choice
        return "{" + _part_name(part) + "}"

    endpoint = _DYN.sub(name_of, path)
    if len(endpoint) > 1:
        endpoint = endpoint.rstrip("/")
    return UrlInfo(endpoint, path_template, external, host, insecure, token, param_in_path)


# what a run-time value named so holds is a whole URL or a path, not a host (`'wss://' +
# url.substr(5)`: the rest of a URL)
_URL_NAMES = re.compile(r"(?:^|_)(?:url|uri|href|path|address|link|endpoint)s?$|(?:Url|Uri|Href|Path|Address)$",
                        re.IGNORECASE)


def _whole_url_host(host_text: str, dyn: list[Part]) -> bool:
    """Is the host text one run-time value named as a URL or path (`wss://${url}`)? Then it
    may carry the path too: no root endpoint."""
    m = _DYN.fullmatch(host_text)
    return m is not None and bool(_URL_NAMES.search(_part_name(dyn[int(m.group(1))])))


def _part_name(part: Part) -> str:
    if isinstance(part, Lit):
        return ""
    if isinstance(part, Ref):
        return part.label
    return part.name


def _host_part(host: str, dyn: list[Part]) -> str:
    """The host text, cut before what is glued to it and cannot be part of a host: a parameter
    (in `${BASE}${endpoint}` the path the caller picks), a second run-time value right after
    one (`${env.host}${env.baseUrl}`: one value names the host, the next starts the path) or
    one after a literal port (`localhost:8000${path}`)."""
    for m in _DYN.finditer(host):
        if m.start() == 0:
            continue
        before, part = host[:m.start()], dyn[int(m.group(1))]
        glued = before.endswith(_SENTINEL_CLOSE) and not _PORT_NAME.search(_part_name(part))
        if isinstance(part, Param) or glued or re.search(r":\d+$", before):
            return before
    return host


_PORT_NAME = re.compile(r"(?:^|_)(?:port|PORT)|Port")  # `port`, `portSuffix`, `WS_PORT`, `wsPort`
# the first segment of a relative path glued to a base: a word, or `./` (not `.example.com`)
_RELATIVE = re.compile(r"^(?:\./|[A-Za-z0-9_~])")
# a first segment that names a host, not a path: `localhost:8000`, `user@h`, `api.example.com`
_HOST_LIKE = re.compile(r"^(?:[^/]*[:@][^/]*|localhost|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}|\d+(?:\.\d+){3})(?:/|$)")
_SCHEME_NAME = re.compile(r"proto|scheme", re.IGNORECASE)
_ORIGIN_NAME = re.compile(r"^(?:origin|host)$")  # (`location.origin`, `window.location.host`)


def _after_base(rest: str, dyn: list[Part]) -> str:
    """What follows the run-time base a URL starts with (`${WS_BASE}/ws/x`, `this.base +
    '/ws/x'`), as a path: the literal path after it; or, glued to one base that ends where the
    app's root is (`wsUrl + 'stream'`, `${baseUrl}ws`), the relative path it appends, under the
    root (`/stream`). `rest` itself when nothing literal says where the path starts."""
    m = re.match(f"^(?:{_DYN.pattern})+", rest)
    assert m is not None
    after = rest[m.end():]
    if after.startswith("/"):
        return after
    bases = _DYN.findall(m.group(0))
    if len(bases) == 2 and _ORIGIN_NAME.search(_part_name(dyn[int(bases[0])])) \
            and not _PORT_NAME.search(_part_name(dyn[int(bases[1])])) and _RELATIVE.match(after) \
            and not _HOST_LIKE.match(after.split("?")[0].split("#")[0]):
        return "/" + after  # `${location.origin}${baseHref()}api/x`: the page's origin, a prefix
    if len(bases) != 1 or not _RELATIVE.match(after) or _HOST_LIKE.match(after.split("?")[0].split("#")[0]):
        return rest  # `${a}${b}x`, `${host}:8000/ws`, `${scheme}example.com/ws`: not told
    if _SCHEME_NAME.search(_part_name(dyn[int(bases[0])])):
        return rest  # `${protocol}myhost/ws`: the literal is a host
    return "/" + after


def _normal_path(path: str) -> str:
    """`path` with its empty and `.` segments dropped and `..` applied (`/./events`, `/ws//x`,
    `/a/../ws`): the path a server is asked for."""
    if not path.startswith("/") or not re.search(r"//|/\.\.?(?:/|$)", path):
        return path
    out: list[str] = []
    segments = path.split("/")[1:]
    for i, seg in enumerate(segments):
        if seg == "..":
            if out:
                out.pop()
        elif seg not in (".", "") or i == len(segments) - 1:
            out.append(seg)
    return "/" + "/".join(out)


def describe(value: Value) -> str:
    """Short human text of a value: `/ws/{topic}/{userId}` style."""
    if isinstance(value, Template):
        return "".join(p.text if isinstance(p, Lit) else describe(p) for p in value.parts)
    if isinstance(value, Obj):
        return "{" + ", ".join(f"{k}: {describe(v)}" for k, v in value.fields) + "}"
    if isinstance(value, Choice):
        return " | ".join(describe(o) for o in value.options)
    if isinstance(value, Ref):
        return "{" + value.label + "}"
    return "{" + value.name + "}"

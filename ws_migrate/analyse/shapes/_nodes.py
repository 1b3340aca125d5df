"""Node kinds the shapes share."""

from __future__ import annotations

FUNCTIONS = frozenset(
    {
        "function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
    }
)
# hooks that hand back (or memoise) the function they are given: `useCallback(fn, deps)`
MEMO_HOOKS = frozenset({"useCallback", "useMemo", "useEvent", "useEffectEvent", "useStableCallback",
                        "useLatestCallback", "useMemoizedFn", "useCallbackRef", "useRef"})
# expressions that only wrap the value inside them (`(x)`, `x as T`, `x!`, `await x`)
WRAPPING = frozenset({"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression",
                      "type_assertion", "await_expression"})
# the platform's objects: what their methods do with a message is not the app's dispatch, and
# they are no class of the app's
GLOBAL_OBJECTS = frozenset({"console", "Math", "Object", "Array", "Number", "String", "Date", "Promise", "Reflect",
                            "JSON", "window", "document", "localStorage", "sessionStorage", "navigator",
                            "performance", "globalThis"})

import React, { createContext, useContext } from "react";

// A context of its own, with a `latest` too: no socket behind it, so nothing here is a type.
type Theme = { latest: { type: string } };
const ThemeContext = createContext<Theme>({ latest: { type: "light" } });

export function ThemeSwitch() {
  const { latest } = useContext(ThemeContext);
  return <p>{latest.type === "dark" ? "dark mode" : "light mode"}</p>;
}

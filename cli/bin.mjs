#!/usr/bin/env node
// The executable's old name, kept for `npx` caches made before it became `bin.cjs`
// (npx keeps the link it made at its first run). It only loads `bin.cjs`.
import "./bin.cjs";

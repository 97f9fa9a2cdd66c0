#!/usr/bin/env node
// The `lots` command. Lots runs its TypeScript through tsx (see docs/decisions/001-stack.md).
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");

// Issue 5 (field work): values and labels, zod-free for the web.
export {};

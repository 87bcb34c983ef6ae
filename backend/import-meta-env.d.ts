// Vite, the Wix CLI's bundler, replaces `import.meta.env.VITE_*` with the build environment's values (the
// same shape as Vite's own client types, so the two merge).
interface ImportMetaEnv {
  readonly VITE_APP_BACKEND_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

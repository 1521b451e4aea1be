import { defineConfig } from "vite";

// The build goes into the Go package that embeds it. File names carry no
// content hashes and nothing time-dependent is written, so two builds of the
// same sources are byte-for-byte equal (`make check-web` relies on that);
// the Go server revalidates every file with an ETag instead.
export default defineConfig({
  base: "/",
  build: {
    outDir: "../internal/webui/dist",
    emptyOutDir: true,
    sourcemap: false,
    modulePreload: { polyfill: false },
    // One bundle (Cytoscape is most of it); fine for an app served from the API.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        entryFileNames: "assets/app.js",
        chunkFileNames: "assets/[name].js",
        assetFileNames: "assets/[name][extname]",
      },
    },
  },
  server: {
    proxy: {
      "/graphql": "http://localhost:8080",
      "/dev": "http://localhost:8080",
      // The seating exports; /workshops itself is a page of the app.
      "^/workshops/[^/]+/seating\\.(csv|html)$": "http://localhost:8080",
    },
  },
});

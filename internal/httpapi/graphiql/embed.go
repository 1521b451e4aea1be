// Package graphiql holds the GraphQL IDE served at /graphiql: GraphiQL and
// React as their npm packages ship them, with a page and a start-up script
// of Tulkki's (web/graphiql; `make graphiql` copies them here, and
// `make check-web` checks that they are in step). Served from the binary,
// the IDE needs no internet access and runs under a 'self' policy.
package graphiql

import "embed"

// Files are the IDE's files, by name.
//
//go:embed index.html start.js *.min.js *.min.css
var Files embed.FS

// Package webui serves Tulkki's web app: the files that `make web` builds
// from web/ into dist/, embedded in the binary so that `go build` and
// `make run` work on a fresh clone without Node. The built files are
// committed; `make check-web` fails when they no longer match web/.
package webui

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed all:dist
var dist embed.FS

// contentTypes are set explicitly rather than from the host's mime tables,
// which differ between machines.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".ico":   "image/x-icon",
	".json":  "application/json",
	".txt":   "text/plain; charset=utf-8",
	".woff2": "font/woff2",
}

// contentSecurityPolicy allows only the app's own scripts and the API on the
// same origin. Inline styles are allowed because the graph library sets
// style attributes.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

type asset struct {
	body        []byte
	etag        string
	contentType string
}

// Handler serves the app. A path naming a built file gets that file; a path
// with a file extension that names none is a 404; any other path is a client
// route of the single-page app and gets index.html. Every response is
// revalidated (no-cache with a content ETag): file names carry no hashes, so
// the build is byte-for-byte reproducible and a new binary is picked up at
// once.
func Handler() (http.Handler, error) {
	assets, err := load(dist)
	if err != nil {
		return nil, err
	}
	index, ok := assets["index.html"]
	if !ok {
		return nil, fmt.Errorf("webui: dist/index.html is missing; run `make web`")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		a, found := assets[name]
		if !found {
			if path.Ext(name) != "" {
				http.NotFound(w, r)
				return
			}
			a = index
		}
		h := w.Header()
		h.Set("Content-Type", a.contentType)
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", a.etag)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		if a.contentType == contentTypes[".html"] {
			h.Set("Content-Security-Policy", contentSecurityPolicy)
		}
		// ServeContent answers If-None-Match with 304 and HEAD without a body.
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.body))
	}), nil
}

// load reads every built file into memory (the app is a few hundred KiB)
// with its ETag and content type.
func load(fsys embed.FS) (map[string]asset, error) {
	root, err := fs.Sub(fsys, "dist")
	if err != nil {
		return nil, fmt.Errorf("webui: %w", err)
	}
	assets := map[string]asset{}
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ct, ok := contentTypes[path.Ext(p)]
		if !ok {
			ct = "application/octet-stream"
		}
		assets[p] = asset{body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, contentType: ct}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("webui: reading the built app: %w", err)
	}
	return assets, nil
}

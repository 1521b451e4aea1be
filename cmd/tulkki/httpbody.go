package main

import (
	"fmt"
	"io"
	"net/http"
	"slices"
)

// responseBody sends req and returns the response's body when its status
// is one of ok (200 when none is given); the benchmarks' clients share it.
func responseBody(client *http.Client, req *http.Request, ok ...int) ([]byte, error) {
	if len(ok) == 0 {
		ok = []int{http.StatusOK}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("read answer: %w", err)
	}
	if !slices.Contains(ok, resp.StatusCode) {
		return raw, fmt.Errorf("%s %s: status %d: %s", req.Method, req.URL, resp.StatusCode, snippet(raw))
	}
	return raw, nil
}

package auth

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Limits on key material, so a wrong file or a hostile JWKS endpoint cannot
// exhaust memory or CPU.
const (
	maxKeyDocument = 1 << 20 // bytes of a PEM or JWKS document
	maxKeys        = 64      // keys per document
	minRSABits     = 2048
)

// JWKS refresh policy for a JWKS URL.
const (
	jwksFetchTimeout    = 5 * time.Second
	jwksRefreshInterval = 5 * time.Minute // background refresh, at most this often
	jwksUnknownKidWait  = time.Minute     // refresh on an unknown kid, at most this often
)

// The asymmetric algorithms Tulkki accepts, one per key type.
const (
	algRS256 = "RS256"
	algES256 = "ES256"
	algHS256 = "HS256"
)

// publicKey is one configured verification key.
type publicKey struct {
	kid string // from the JWKS; empty for PEM keys
	alg string // algRS256 for *rsa.PublicKey, algES256 for *ecdsa.PublicKey (P-256)
	key any
}

// classify checks that k is a key Tulkki can use and returns its algorithm.
func classify(k any) (string, error) {
	switch k := k.(type) {
	case *rsa.PublicKey:
		if k.N.BitLen() < minRSABits {
			return "", fmt.Errorf("RSA key of %d bits is too small (at least %d)", k.N.BitLen(), minRSABits)
		}
		return algRS256, nil
	case *ecdsa.PublicKey:
		if k.Curve != elliptic.P256() {
			return "", fmt.Errorf("EC key on curve %s is not supported (only P-256, for ES256)", k.Curve.Params().Name)
		}
		return algES256, nil
	default:
		return "", fmt.Errorf("%T keys are not supported (only RSA and EC P-256)", k)
	}
}

// parsePEMKeys reads RSA and EC P-256 public keys from PEM blocks of type
// PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE. Certificates only carry a key:
// their validity period and chain are not checked. Private keys are refused
// so they are not spread to where only public keys belong.
func parsePEMKeys(data []byte) ([]publicKey, error) {
	var keys []publicKey
	for n := 1; ; n++ {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		var (
			k   any
			err error
		)
		switch block.Type {
		case "PUBLIC KEY":
			k, err = x509.ParsePKIXPublicKey(block.Bytes)
		case "RSA PUBLIC KEY":
			k, err = x509.ParsePKCS1PublicKey(block.Bytes)
		case "CERTIFICATE":
			var cert *x509.Certificate
			if cert, err = x509.ParseCertificate(block.Bytes); err == nil {
				k = cert.PublicKey
			}
		default:
			if strings.Contains(block.Type, "PRIVATE KEY") {
				return nil, fmt.Errorf("PEM block %d is a private key; give only public keys or certificates", n)
			}
			return nil, fmt.Errorf("PEM block %d has unsupported type %q", n, block.Type)
		}
		if err != nil {
			return nil, fmt.Errorf("PEM block %d (%s): %w", n, block.Type, err)
		}
		alg, err := classify(k)
		if err != nil {
			return nil, fmt.Errorf("PEM block %d: %w", n, err)
		}
		if len(keys) == maxKeys {
			return nil, fmt.Errorf("more than %d keys", maxKeys)
		}
		keys = append(keys, publicKey{alg: alg, key: k})
	}
	if len(keys) == 0 {
		return nil, errors.New("no PEM-encoded public key or certificate found")
	}
	return keys, nil
}

// jwk is the part of an RFC 7517 JSON Web Key that Tulkki reads.
type jwk struct {
	Kty    string   `json:"kty"`
	Use    string   `json:"use"`
	KeyOps []string `json:"key_ops"`
	Alg    string   `json:"alg"`
	Kid    string   `json:"kid"`
	N      string   `json:"n"`
	E      string   `json:"e"`
	Crv    string   `json:"crv"`
	X      string   `json:"x"`
	Y      string   `json:"y"`
	D      string   `json:"d"`
}

// parseJWKS reads the RSA and EC P-256 signature keys of a JWK Set. Keys
// meant for other uses or algorithms, and other key types (symmetric "oct"
// keys above all: a published secret is never a secret), are skipped and
// counted. A set without any usable key, or with private key material, is an
// error.
func parseJWKS(data []byte) (keys []publicKey, skipped int, err error) {
	var set struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal(data, &set); err != nil {
		return nil, 0, fmt.Errorf("not a JWK Set: %w", err)
	}
	if len(set.Keys) > maxKeys {
		return nil, 0, fmt.Errorf("more than %d keys", maxKeys)
	}
	for i, raw := range set.Keys {
		var k jwk
		if err := json.Unmarshal(raw, &k); err != nil {
			return nil, 0, fmt.Errorf("key %d: %w", i+1, err)
		}
		if k.D != "" {
			return nil, 0, fmt.Errorf("key %d (kid %q) contains private key material", i+1, k.Kid)
		}
		pk, ok, err := k.publicKey()
		if err != nil {
			return nil, 0, fmt.Errorf("key %d (kid %q): %w", i+1, k.Kid, err)
		}
		if !ok {
			skipped++
			continue
		}
		keys = append(keys, pk)
	}
	if len(keys) == 0 {
		return nil, skipped, errors.New("no RSA or EC P-256 signature key (RS256/ES256) in the JWK Set")
	}
	return keys, skipped, nil
}

// publicKey converts k; ok is false for a key Tulkki does not use.
func (k jwk) publicKey() (publicKey, bool, error) {
	if k.Use != "" && k.Use != "sig" {
		return publicKey{}, false, nil
	}
	if len(k.KeyOps) > 0 && !slices.Contains(k.KeyOps, "verify") {
		return publicKey{}, false, nil
	}
	switch k.Kty {
	case "RSA":
		if k.Alg != "" && k.Alg != algRS256 {
			return publicKey{}, false, nil
		}
		n, err := b64uint(k.N, "n")
		if err != nil {
			return publicKey{}, false, err
		}
		e, err := b64uint(k.E, "e")
		if err != nil {
			return publicKey{}, false, err
		}
		if !e.IsInt64() || e.Int64() < 3 || e.Int64() > 1<<31-1 || e.Bit(0) == 0 {
			return publicKey{}, false, errors.New("RSA exponent e is not an odd number in [3, 2^31)")
		}
		key := &rsa.PublicKey{N: n, E: int(e.Int64())}
		if _, err := classify(key); err != nil {
			return publicKey{}, false, err
		}
		return publicKey{kid: k.Kid, alg: algRS256, key: key}, true, nil
	case "EC":
		if (k.Alg != "" && k.Alg != algES256) || k.Crv != "P-256" {
			return publicKey{}, false, nil
		}
		x, err := b64bytes(k.X, "x")
		if err != nil {
			return publicKey{}, false, err
		}
		y, err := b64bytes(k.Y, "y")
		if err != nil {
			return publicKey{}, false, err
		}
		if len(x) != 32 || len(y) != 32 {
			return publicKey{}, false, errors.New("P-256 coordinates x and y must be 32 bytes each")
		}
		key, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), append(append([]byte{4}, x...), y...))
		if err != nil {
			return publicKey{}, false, fmt.Errorf("invalid P-256 point: %w", err)
		}
		return publicKey{kid: k.Kid, alg: algES256, key: key}, true, nil
	default:
		return publicKey{}, false, nil
	}
}

func b64bytes(s, name string) ([]byte, error) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil || len(b) == 0 {
		return nil, fmt.Errorf("member %q is not non-empty base64url", name)
	}
	return b, nil
}

func b64uint(s, name string) (*big.Int, error) {
	b, err := b64bytes(s, name)
	if err != nil {
		return nil, err
	}
	return new(big.Int).SetBytes(b), nil
}

// readKeyFile reads a PEM or JWKS file of bounded size.
func readKeyFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readBounded(f)
}

func readBounded(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxKeyDocument+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxKeyDocument {
		return nil, fmt.Errorf("larger than %d bytes", maxKeyDocument)
	}
	return data, nil
}

// isJWKSURL tells a JWKS URL from a file path.
func isJWKSURL(loc string) bool {
	return strings.HasPrefix(loc, "https://") || strings.HasPrefix(loc, "http://")
}

// checkJWKSURL allows https, and http only to a loopback host.
func checkJWKSURL(u *url.URL) error {
	switch {
	case u.Host == "":
		return errors.New("URL has no host")
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && isLoopbackHost(u.Hostname()):
		return nil
	default:
		return errors.New("use https (plain http is allowed only for localhost)")
	}
}

func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// remoteJWKS is a JWK Set fetched from a URL and kept fresh: refreshed in
// the background at most every jwksRefreshInterval (triggered by use, so no
// goroutine outlives the verifier), and on demand when a token names an
// unknown kid, at most every jwksUnknownKidWait. A failed refresh keeps the
// keys already known.
type remoteJWKS struct {
	url    *url.URL
	client *http.Client
	log    *slog.Logger
	now    func() time.Time

	keys        atomic.Pointer[[]publicKey]
	lastAttempt atomic.Int64 // unix nanoseconds of the last fetch attempt
	refreshing  atomic.Bool  // a background refresh is running
	mu          sync.Mutex   // one fetch at a time
}

func newRemoteJWKS(loc string, log *slog.Logger) (*remoteJWKS, error) {
	u, err := url.Parse(loc)
	if err != nil {
		return nil, errors.New("not a valid URL")
	}
	if err := checkJWKSURL(u); err != nil {
		return nil, err
	}
	client := &http.Client{
		Timeout: jwksFetchTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 3 {
				return errors.New("too many redirects")
			}
			return checkJWKSURL(req.URL)
		},
	}
	return &remoteJWKS{url: u, client: client, log: log, now: time.Now}, nil
}

// where names the endpoint in logs and errors without path, query or
// credentials.
func (r *remoteJWKS) where() string { return r.url.Scheme + "://" + r.url.Host }

// current returns the keys known now.
func (r *remoteJWKS) current() []publicKey {
	if p := r.keys.Load(); p != nil {
		return *p
	}
	return nil
}

// maybeRefreshInBackground starts a refresh when the keys are older than
// jwksRefreshInterval.
func (r *remoteJWKS) maybeRefreshInBackground() {
	if r.now().Sub(time.Unix(0, r.lastAttempt.Load())) < jwksRefreshInterval || !r.refreshing.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer r.refreshing.Store(false)
		_ = r.refresh(context.Background(), jwksRefreshInterval)
	}()
}

// refresh fetches the set unless an attempt was made within minInterval,
// and reports whether new keys were installed.
func (r *remoteJWKS) refresh(ctx context.Context, minInterval time.Duration) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	if last := r.lastAttempt.Load(); last != 0 && now.Sub(time.Unix(0, last)) < minInterval {
		return false
	}
	r.lastAttempt.Store(now.UnixNano())
	keys, skipped, err := r.fetch(ctx)
	if err != nil {
		r.log.Warn("JWKS refresh failed; keeping the keys already known", "jwks", r.where(), "err", err)
		return false
	}
	r.keys.Store(&keys)
	r.log.Debug("JWKS refreshed", "jwks", r.where(), "keys", len(keys), "skipped", skipped)
	return true
}

// load is the first fetch, at start; its error stops the start.
func (r *remoteJWKS) load(ctx context.Context) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lastAttempt.Store(r.now().UnixNano())
	keys, skipped, err := r.fetch(ctx)
	if err != nil {
		return 0, err
	}
	r.keys.Store(&keys)
	return skipped, nil
}

func (r *remoteJWKS) fetch(ctx context.Context) ([]publicKey, int, error) {
	ctx, cancel := context.WithTimeout(ctx, jwksFetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.url.String(), nil)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Accept", "application/jwk-set+json, application/json")
	resp, err := r.client.Do(req)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err // the URL may carry a query; report it once, redacted, by where()
		}
		return nil, 0, fmt.Errorf("fetch %s: %w", r.where(), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, 0, fmt.Errorf("fetch %s: HTTP status %d", r.where(), resp.StatusCode)
	}
	data, err := readBounded(resp.Body)
	if err != nil {
		return nil, 0, fmt.Errorf("fetch %s: %w", r.where(), err)
	}
	keys, skipped, err := parseJWKS(data)
	if err != nil {
		return nil, 0, fmt.Errorf("JWKS from %s: %w", r.where(), err)
	}
	return keys, skipped, nil
}

package auth

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/errs"
)

// Test keys are generated once per run; nothing secret is kept on disk.
var (
	keysOnce                    sync.Once
	rsaKey, rsaKey2, rsaRemote  *rsa.PrivateKey
	ecKey, ecKey2               *ecdsa.PrivateKey
	ec384Key                    *ecdsa.PrivateKey
	testSecret                  = []byte("test-secret-0123456789-abcdefghijklmnop")
	testIssuer, testAudience    = "tulkki-local", "tulkki"
	testLeeway                  = 30 * time.Second
	rsaPublicPEM, rsa2PublicPEM []byte
	ecJWKS                      []byte // ecKey as kid "ec-1", ecKey2 as kid "ec-2"
	remoteJWKSDoc               atomic.Pointer[[]byte]
	remoteJWKSHits              atomic.Int64
	remoteServer                *httptest.Server
	remoteURL                   string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if remoteServer != nil {
		remoteServer.Close()
	}
	os.Exit(code)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func setupKeys(t *testing.T) {
	t.Helper()
	keysOnce.Do(func() {
		rsaKey = must(rsa.GenerateKey(rand.Reader, 2048))
		rsaKey2 = must(rsa.GenerateKey(rand.Reader, 2048))
		rsaRemote = must(rsa.GenerateKey(rand.Reader, 2048))
		ecKey = must(ecdsa.GenerateKey(elliptic.P256(), rand.Reader))
		ecKey2 = must(ecdsa.GenerateKey(elliptic.P256(), rand.Reader))
		ec384Key = must(ecdsa.GenerateKey(elliptic.P384(), rand.Reader))
		rsaPublicPEM = pemPublic(&rsaKey.PublicKey)
		rsa2PublicPEM = pemPublic(&rsaKey2.PublicKey)
		ecJWKS = jwksDoc(jwkOf("ec-1", &ecKey.PublicKey), jwkOf("ec-2", &ecKey2.PublicKey))
		doc := jwksDoc(jwkOf("rsa-remote-1", &rsaRemote.PublicKey))
		remoteJWKSDoc.Store(&doc)
		remoteServer = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			remoteJWKSHits.Add(1)
			w.Header().Set("Content-Type", "application/jwk-set+json")
			_, _ = w.Write(*remoteJWKSDoc.Load())
		}))
		remoteURL = remoteServer.URL + "/.well-known/jwks.json"
	})
}

func pemPublic(k any) []byte {
	der := must(x509.MarshalPKIXPublicKey(k))
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func jwkOf(kid string, k any) map[string]any {
	switch k := k.(type) {
	case *rsa.PublicKey:
		return map[string]any{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid,
			"n": b64(k.N.Bytes()), "e": b64(big.NewInt(int64(k.E)).Bytes())}
	case *ecdsa.PublicKey:
		raw := must(k.Bytes()) // 0x04 || X || Y
		n := (len(raw) - 1) / 2
		return map[string]any{"kty": "EC", "use": "sig", "alg": "ES256", "kid": kid, "crv": k.Curve.Params().Name,
			"x": b64(raw[1 : 1+n]), "y": b64(raw[1+n:])}
	}
	panic(fmt.Sprintf("jwkOf: %T", k))
}

func jwksDoc(keys ...map[string]any) []byte {
	return must(json.Marshal(map[string]any{"keys": keys}))
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func baseConfig() config.Auth {
	return config.Auth{Issuer: testIssuer, Audience: testAudience, Leeway: testLeeway}
}

func newVerifier(t *testing.T, cfg config.Auth) *Verifier {
	t.Helper()
	v, err := NewVerifier(context.Background(), cfg, nil)
	if err != nil {
		t.Fatalf("NewVerifier: %v", err)
	}
	return v
}

// claims returns valid claims; edit mutates them.
func claims(edit func(c jwt.MapClaims)) jwt.MapClaims {
	now := time.Now()
	c := jwt.MapClaims{
		"iss": testIssuer, "aud": testAudience, "sub": "person-1",
		"iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(time.Hour).Unix(),
		"roles": []string{"PROFESSIONAL"},
	}
	if edit != nil {
		edit(c)
	}
	return c
}

func sign(t *testing.T, m jwt.SigningMethod, key any, kid string, c jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(m, c)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatalf("sign %s: %v", m.Alg(), err)
	}
	return s
}

// rawClaims is the JSON of valid claims without roles, followed by extra
// (raw JSON members), as a token's payload; iat is left out so extra may
// set it.
func rawClaims(extra string) string {
	now := time.Now()
	return fmt.Sprintf(`{"iss":%q,"aud":%q,"sub":"person-1","nbf":%d,"exp":%d,%s}`,
		testIssuer, testAudience, now.Unix(), now.Add(time.Hour).Unix(), extra)
}

// hsRaw signs payload, raw JSON, with the test secret (HS256).
func hsRaw(t *testing.T, payload string) string {
	t.Helper()
	input := b64([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + b64([]byte(payload))
	sig, err := jwt.SigningMethodHS256.Sign(input, testSecret)
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + b64(sig)
}

// tamperSignature changes one character inside tok's signature, away from
// its end (whose last character partly encodes padding bits) and always to
// a different one.
func tamperSignature(tok string) string {
	b := []byte(tok)
	i := len(b) - 10
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}

// handmade builds a token from raw header and payload JSON and a signature.
func handmade(header, payload string, sig []byte) string {
	return b64([]byte(header)) + "." + b64([]byte(payload)) + "." + b64(sig)
}

func TestTokenVerify(t *testing.T) {
	setupKeys(t)
	hsOnly := newVerifier(t, func() config.Auth { c := baseConfig(); c.HS256Secret = testSecret; return c }())
	rsaOnly := newVerifier(t, func() config.Auth {
		c := baseConfig()
		c.PublicKeyFile = writeFile(t, "rsa.pem", rsaPublicPEM)
		return c
	}())
	esJWKS := newVerifier(t, func() config.Auth { c := baseConfig(); c.JWKS = writeFile(t, "jwks.json", ecJWKS); return c }())
	remote := newVerifier(t, func() config.Auth { c := baseConfig(); c.JWKS = remoteURL; return c }())
	all := newVerifier(t, func() config.Auth {
		c := baseConfig()
		c.HS256Secret = testSecret
		c.PublicKeyFile = writeFile(t, "rsa.pem", rsaPublicPEM)
		c.JWKS = writeFile(t, "jwks.json", ecJWKS)
		return c
	}())
	none := newVerifier(t, baseConfig())

	hs := func(c jwt.MapClaims) string { return sign(t, jwt.SigningMethodHS256, testSecret, "", c) }
	valid := hs(claims(nil))
	parts := strings.Split(valid, ".")
	tampered := parts[0] + "." + b64([]byte(`{"iss":"tulkki-local","aud":"tulkki","sub":"person-1","exp":9999999999,"roles":["ADMIN"]}`)) + "." + parts[2]
	noneHeader := `{"alg":"none","typ":"JWT"}`
	payload := string(must(json.Marshal(claims(nil))))

	tests := []struct {
		name    string
		v       *Verifier
		token   string
		wantErr string // substring of the error message; "" = accepted
		want    Principal
	}{
		{name: "valid HS256", v: hsOnly, token: valid, want: Principal{Subject: "person-1", Roles: []Role{RoleProfessional}}},
		{name: "valid RS256 from PEM", v: rsaOnly, token: sign(t, jwt.SigningMethodRS256, rsaKey, "", claims(nil))},
		{name: "valid RS256 from PEM, token names an unknown kid", v: rsaOnly, token: sign(t, jwt.SigningMethodRS256, rsaKey, "idp-key-7", claims(nil))},
		{name: "valid ES256 from JWKS file", v: esJWKS, token: sign(t, jwt.SigningMethodES256, ecKey, "ec-1", claims(nil))},
		{name: "valid ES256 second JWKS key", v: esJWKS, token: sign(t, jwt.SigningMethodES256, ecKey2, "ec-2", claims(nil))},
		{name: "valid RS256 from JWKS URL", v: remote, token: sign(t, jwt.SigningMethodRS256, rsaRemote, "rsa-remote-1", claims(nil))},
		{name: "valid RS256 from JWKS URL without kid (single key)", v: remote, token: sign(t, jwt.SigningMethodRS256, rsaRemote, "", claims(nil))},
		{name: "valid with all sources: HS256", v: all, token: valid},
		{name: "valid with all sources: RS256", v: all, token: sign(t, jwt.SigningMethodRS256, rsaKey, "", claims(nil))},
		{name: "valid with all sources: ES256", v: all, token: sign(t, jwt.SigningMethodES256, ecKey, "ec-1", claims(nil))},
		{
			name: "roles, orgs and audience list", v: hsOnly,
			token: hs(claims(func(c jwt.MapClaims) {
				c["roles"] = []string{"ORG_EDITOR", "idp:offline_access", "ORG_EDITOR", "FACILITATOR"}
				c["orgs"] = []string{"org-1", "", "org-2", "org-1"}
				c["aud"] = []string{"account", testAudience}
			})),
			want: Principal{Subject: "person-1", Roles: []Role{RoleOrgEditor, RoleFacilitator}, Orgs: []string{"org-1", "org-2"}},
		},
		{name: "expired within leeway", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-10 * time.Second).Unix() }))},
		{name: "nbf in future within leeway", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { c["nbf"] = time.Now().Add(10 * time.Second).Unix() }))},

		{name: "alg none", v: hsOnly, token: handmade(noneHeader, payload, nil), wantErr: "token algorithm not accepted"},
		{name: "alg none, RSA verifier", v: rsaOnly, token: handmade(noneHeader, payload, nil), wantErr: "token algorithm not accepted"},
		{name: "alg None with signature", v: all, token: handmade(`{"alg":"None"}`, payload, []byte("x")), wantErr: "token algorithm not accepted"},
		{name: "alg missing", v: all, token: handmade(`{"typ":"JWT"}`, payload, []byte("x")), wantErr: "token algorithm not accepted"},
		{
			name: "HS256 signed with the RSA public key PEM, only RSA configured", v: rsaOnly,
			token: sign(t, jwt.SigningMethodHS256, rsaPublicPEM, "", claims(nil)), wantErr: "token algorithm not accepted",
		},
		{
			name: "HS256 signed with the RSA public key PEM, RSA and a secret configured", v: all,
			token: sign(t, jwt.SigningMethodHS256, rsaPublicPEM, "", claims(nil)), wantErr: "token signature invalid",
		},
		{name: "RS256 when only HS256 configured", v: hsOnly, token: sign(t, jwt.SigningMethodRS256, rsaKey, "", claims(nil)), wantErr: "token algorithm not accepted"},
		{name: "ES256 when only RSA configured", v: rsaOnly, token: sign(t, jwt.SigningMethodES256, ecKey, "", claims(nil)), wantErr: "token algorithm not accepted"},
		{name: "ES384", v: all, token: sign(t, jwt.SigningMethodES384, ec384Key, "", claims(nil)), wantErr: "token algorithm not accepted"},
		{name: "PS256", v: all, token: sign(t, jwt.SigningMethodPS256, rsaKey, "", claims(nil)), wantErr: "token algorithm not accepted"},
		{name: "RS512", v: all, token: sign(t, jwt.SigningMethodRS512, rsaKey, "", claims(nil)), wantErr: "token algorithm not accepted"},
		{name: "HS512", v: all, token: sign(t, jwt.SigningMethodHS512, testSecret, "", claims(nil)), wantErr: "token algorithm not accepted"},
		{name: "HS256 with another secret", v: hsOnly, token: sign(t, jwt.SigningMethodHS256, []byte("another-secret-0123456789-abcdefghijkl"), "", claims(nil)), wantErr: "token signature invalid"},
		{name: "RS256 signed by an unconfigured key", v: rsaOnly, token: sign(t, jwt.SigningMethodRS256, rsaKey2, "", claims(nil)), wantErr: "token signature invalid"},
		{name: "ES256 signed by ec-2 but naming ec-1", v: esJWKS, token: sign(t, jwt.SigningMethodES256, ecKey2, "ec-1", claims(nil)), wantErr: "token signature invalid"},
		{name: "no keys configured", v: none, token: valid, wantErr: "not accepted by this server"},
		{name: "nil verifier", v: nil, token: valid, wantErr: "not accepted by this server"},

		{name: "expired", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-2 * time.Minute).Unix() })), wantErr: "token expired"},
		{name: "nbf beyond leeway", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { c["nbf"] = time.Now().Add(2 * time.Minute).Unix() })), wantErr: "token not valid yet"},
		{name: "iat in the future", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { c["iat"] = time.Now().Add(time.Hour).Unix() })), wantErr: "token issued in the future"},
		{name: "missing exp", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { delete(c, "exp") })), wantErr: "required claim"},
		{name: "exp not a number", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { c["exp"] = "tomorrow" })), wantErr: "token"},
		{name: "wrong iss", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { c["iss"] = "https://evil.example" })), wantErr: "token issuer not accepted"},
		{name: "missing iss", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { delete(c, "iss") })), wantErr: "required claim"},
		{name: "wrong aud", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { c["aud"] = "other-api" })), wantErr: "token audience not accepted"},
		{name: "missing aud", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { delete(c, "aud") })), wantErr: "required claim"},
		{name: "missing sub", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { delete(c, "sub") })), wantErr: "token has no subject"},
		{name: "sub with control characters", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { c["sub"] = "p-1\n{\"level\":\"ERROR\"}" })), wantErr: "token subject malformed"},
		{name: "no known role", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { c["roles"] = []string{"viewer", "admin"} })), wantErr: "token carries no Tulkki role"},
		{name: "no roles", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { delete(c, "roles") })), wantErr: "token carries no Tulkki role"},
		// Claims are read strictly: exact names, each once, dates as numbers.
		{name: "ROLES beside roles", v: hsOnly, token: hsRaw(t, rawClaims(`"roles":["PROFESSIONAL"],"ROLES":["ADMIN"]`)), wantErr: "token claims malformed"},
		{name: "Roles alone", v: hsOnly, token: hsRaw(t, rawClaims(`"Roles":["ADMIN"]`)), wantErr: "token claims malformed"},
		{name: "roles twice", v: hsOnly, token: hsRaw(t, rawClaims(`"roles":["PROFESSIONAL"],"roles":["ADMIN"]`)), wantErr: "token claims malformed"},
		{name: "SUB beside sub", v: hsOnly, token: hsRaw(t, rawClaims(`"roles":["PROFESSIONAL"],"SUB":"person-2"`)), wantErr: "token claims malformed"},
		{name: "exp as a string of digits", v: hsOnly, token: hsRaw(t, fmt.Sprintf(`{"iss":%q,"aud":%q,"sub":"person-1","exp":"9999999999","roles":["PROFESSIONAL"]}`, testIssuer, testAudience)), wantErr: "token claims malformed"},
		{name: "iat as a string", v: hsOnly, token: hsRaw(t, rawClaims(`"roles":["PROFESSIONAL"],"iat":"1700000000"`)), wantErr: "token claims malformed"},
		{name: "other claims of an identity provider", v: hsOnly, token: hsRaw(t, rawClaims(`"roles":["PROFESSIONAL"],"email":"a@example.org","Email":"b@example.org","realm_access":{"roles":["x"]}`)),
			want: Principal{Subject: "person-1", Roles: []Role{RoleProfessional}}},
		{name: "roles not a list", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) { c["roles"] = map[string]any{"a": 1} })), wantErr: "token malformed"},
		{name: "unknown kid", v: esJWKS, token: sign(t, jwt.SigningMethodES256, ecKey, "ec-unknown", claims(nil)), wantErr: "token key id not recognised"},
		{name: "no kid with two JWKS keys", v: esJWKS, token: sign(t, jwt.SigningMethodES256, ecKey, "", claims(nil)), wantErr: "token has no key id"},
		{name: "kid not a string", v: esJWKS, token: func() string {
			tok := jwt.NewWithClaims(jwt.SigningMethodES256, claims(nil))
			tok.Header["kid"] = 7
			return must(tok.SignedString(ecKey))
		}(), wantErr: "token key id malformed"},
		{name: "crit header", v: hsOnly, token: func() string {
			tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims(nil))
			tok.Header["crit"] = []string{"exp"}
			return must(tok.SignedString(testSecret))
		}(), wantErr: "critical header"},
		{name: "tampered payload", v: hsOnly, token: tampered, wantErr: "token signature invalid"},
		{name: "tampered signature", v: hsOnly, token: tamperSignature(valid), wantErr: "token signature invalid"},
		{name: "empty", v: hsOnly, token: "", wantErr: "token missing"},
		{name: "one part", v: hsOnly, token: "abc", wantErr: "token malformed"},
		{name: "two parts", v: hsOnly, token: "a.b", wantErr: "token malformed"},
		{name: "three parts of garbage", v: hsOnly, token: "!!!.@@@.###", wantErr: "token malformed"},
		{name: "three dots", v: hsOnly, token: "...", wantErr: "token malformed"},
		{name: "four parts", v: hsOnly, token: valid + ".x", wantErr: "token malformed"},
		{name: "header not JSON", v: hsOnly, token: handmade("not json", payload, []byte("x")), wantErr: "token malformed"},
		{name: "oversized garbage", v: hsOnly, token: strings.Repeat("a", MaxTokenSize+1), wantErr: "token too large"},
		{name: "oversized but validly signed", v: hsOnly, token: hs(claims(func(c jwt.MapClaims) {
			c["orgs"] = slices.Repeat([]string{"org-0123456789"}, 600)
		})), wantErr: "token too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.v.Verify(context.Background(), tt.token)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Verify: unexpected error %v", err)
				}
				if p.Anonymous() {
					t.Fatalf("Verify: anonymous principal for a valid token")
				}
				if tt.want.Subject != "" && !equalPrincipal(p, tt.want) {
					t.Errorf("principal = %+v, want %+v", p, tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("Verify accepted the token (principal %+v), want error containing %q", p, tt.wantErr)
			}
			if !errors.Is(err, errs.ErrUnauthenticated) {
				t.Errorf("error %v is not UNAUTHENTICATED", err)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %q, want it to contain %q", err, tt.wantErr)
			}
			if len(tt.token) > 8 && strings.Contains(err.Error(), tt.token) {
				t.Errorf("error echoes the token")
			}
			if !p.Anonymous() {
				t.Errorf("principal %+v returned with an error", p)
			}
		})
	}
}

func equalPrincipal(a, b Principal) bool {
	return a.Subject == b.Subject && slices.Equal(a.Roles, b.Roles) && slices.Equal(a.Orgs, b.Orgs)
}

func TestTokenLeewayZero(t *testing.T) {
	setupKeys(t)
	cfg := baseConfig()
	cfg.HS256Secret, cfg.Leeway = testSecret, 0
	v := newVerifier(t, cfg)
	tok := sign(t, jwt.SigningMethodHS256, testSecret, "", claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-2 * time.Second).Unix() }))
	if _, err := v.Verify(context.Background(), tok); err == nil || !strings.Contains(err.Error(), "expired") {
		t.Fatalf("err = %v, want token expired", err)
	}
}

func TestTokenMintRoundTrip(t *testing.T) {
	setupKeys(t)
	cfg := baseConfig()
	cfg.HS256Secret = testSecret
	v := newVerifier(t, cfg)
	want := Principal{Subject: "person-42", Roles: []Role{RoleOrgEditor, RoleProfessional}, Orgs: []string{"org-7"}}
	tok, err := Mint(testSecret, testIssuer, testAudience, want, time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	got, err := v.Verify(context.Background(), tok)
	if err != nil {
		t.Fatalf("Verify(Mint(…)): %v", err)
	}
	if !equalPrincipal(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	var c Claims
	if _, _, err := jwt.NewParser().ParseUnverified(tok, &c); err != nil {
		t.Fatal(err)
	}
	if c.IssuedAt == nil || c.NotBefore == nil || c.ExpiresAt == nil || c.ExpiresAt.Sub(c.IssuedAt.Time) != time.Hour {
		t.Errorf("times not set as expected: %+v", c.RegisteredClaims)
	}

	// A token minted an hour ago for 30 minutes has expired.
	old, err := Mint(testSecret, testIssuer, testAudience, want, 30*time.Minute, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(context.Background(), old); err == nil || !strings.Contains(err.Error(), "expired") {
		t.Errorf("old token: err = %v, want expired", err)
	}
}

func TestTokenMintRefuses(t *testing.T) {
	p := Principal{Subject: "person-1", Roles: []Role{RoleProfessional}}
	tests := []struct {
		name   string
		secret []byte
		p      Principal
		ttl    time.Duration
	}{
		{name: "no secret", secret: nil, p: p, ttl: time.Hour},
		{name: "short secret", secret: []byte("short"), p: p, ttl: time.Hour},
		{name: "zero ttl", secret: testSecret, p: p, ttl: 0},
		{name: "negative ttl", secret: testSecret, p: p, ttl: -time.Hour},
		{name: "ttl over 30 days", secret: testSecret, p: p, ttl: MaxMintTTL + time.Second},
		{name: "no subject", secret: testSecret, p: Principal{Roles: p.Roles}, ttl: time.Hour},
		{name: "no role", secret: testSecret, p: Principal{Subject: "person-1"}, ttl: time.Hour},
		{name: "unknown role", secret: testSecret, p: Principal{Subject: "person-1", Roles: []Role{"ROOT"}}, ttl: time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tok, err := Mint(tt.secret, testIssuer, testAudience, tt.p, tt.ttl, time.Now()); err == nil {
				t.Errorf("Mint succeeded: %s", tok)
			}
		})
	}
	if _, err := Mint(testSecret, testIssuer, testAudience, p, MaxMintTTL, time.Now()); err != nil {
		t.Errorf("Mint with the maximum ttl: %v", err)
	}
}

func TestTokenVerifierConfigErrors(t *testing.T) {
	setupKeys(t)
	dir := t.TempDir()
	file := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	down := httptest.NewServer(http.NotFoundHandler())
	downURL := down.URL
	down.Close()
	notFound := httptest.NewServer(http.NotFoundHandler())
	defer notFound.Close()

	tests := []struct {
		name string
		edit func(c *config.Auth)
		want string
	}{
		{name: "short secret", edit: func(c *config.Auth) { c.HS256Secret = []byte("too-short") }, want: "at least 32 bytes"},
		{name: "no issuer", edit: func(c *config.Auth) { c.Issuer = "" }, want: "issuer"},
		{name: "leeway too long", edit: func(c *config.Auth) { c.Leeway = 6 * time.Minute }, want: "leeway"},
		{name: "missing PEM file", edit: func(c *config.Auth) { c.PublicKeyFile = filepath.Join(dir, "nope.pem") }, want: "TULKKI_JWT_PUBLIC_KEY_FILE"},
		{name: "PEM file without keys", edit: func(c *config.Auth) { c.PublicKeyFile = file("empty.pem", []byte("hello")) }, want: "no PEM-encoded"},
		{name: "JWKS file not JSON", edit: func(c *config.Auth) { c.JWKS = file("bad.json", []byte("{")) }, want: "not a JWK Set"},
		{name: "JWKS URL unreachable", edit: func(c *config.Auth) { c.JWKS = downURL + "/jwks" }, want: "must be reachable"},
		{name: "JWKS URL 404", edit: func(c *config.Auth) { c.JWKS = notFound.URL + "/jwks" }, want: "HTTP status 404"},
		{name: "JWKS URL plain http, not loopback", edit: func(c *config.Auth) { c.JWKS = "http://idp.example.fi/jwks" }, want: "https"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := baseConfig()
			tt.edit(&cfg)
			_, err := NewVerifier(context.Background(), cfg, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestTokenPEMKeys(t *testing.T) {
	setupKeys(t)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "idp"},
		NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: time.Now().Add(-24 * time.Hour)} // expired: only the key counts
	certDER := must(x509.CreateCertificate(rand.Reader, tmpl, tmpl, &ecKey.PublicKey, ecKey))
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certDER})
	pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&rsaKey2.PublicKey)})
	small := must(rsa.GenerateKey(rand.Reader, 1024))
	priv := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: must(x509.MarshalPKCS8PrivateKey(rsaKey))})

	tests := []struct {
		name     string
		data     []byte
		wantAlgs []string
		wantErr  string
	}{
		{name: "PKIX RSA", data: rsaPublicPEM, wantAlgs: []string{algRS256}},
		{name: "RSA, PKCS#1 RSA and EC certificate", data: slices.Concat(rsaPublicPEM, []byte("comment\n"), pkcs1, cert), wantAlgs: []string{algRS256, algRS256, algES256}},
		{name: "PKIX EC", data: pemPublic(&ecKey.PublicKey), wantAlgs: []string{algES256}},
		{name: "P-384 refused", data: pemPublic(&ec384Key.PublicKey), wantErr: "P-384"},
		{name: "small RSA refused", data: pemPublic(&small.PublicKey), wantErr: "too small"},
		{name: "private key refused", data: priv, wantErr: "private key"},
		{name: "unknown block", data: pem.EncodeToMemory(&pem.Block{Type: "OPENSSH KEY", Bytes: []byte{1}}), wantErr: "unsupported type"},
		{name: "corrupt block", data: pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte{1, 2, 3}}), wantErr: "PEM block 1"},
		{name: "nothing", data: []byte("no pem here"), wantErr: "no PEM-encoded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys, err := parsePEMKeys(tt.data)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var algs []string
			for _, k := range keys {
				algs = append(algs, k.alg)
			}
			if !slices.Equal(algs, tt.wantAlgs) {
				t.Errorf("algs = %v, want %v", algs, tt.wantAlgs)
			}
		})
	}
}

func TestTokenJWKSParse(t *testing.T) {
	setupKeys(t)
	rsaJWK := jwkOf("r1", &rsaKey.PublicKey)
	ecJWK := jwkOf("e1", &ecKey.PublicKey)
	with := func(m map[string]any, k string, v any) map[string]any {
		c := make(map[string]any, len(m)+1)
		for key, val := range m {
			c[key] = val
		}
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
		return c
	}
	offCurve := with(ecJWK, "y", b64(make([]byte, 32)))

	tests := []struct {
		name        string
		doc         []byte
		wantKids    []string
		wantSkipped int
		wantErr     string
	}{
		{name: "RSA and EC", doc: jwksDoc(rsaJWK, ecJWK), wantKids: []string{"r1", "e1"}},
		{name: "without use and alg", doc: jwksDoc(with(with(rsaJWK, "use", nil), "alg", nil)), wantKids: []string{"r1"}},
		{
			name: "skips other uses, algorithms, curves and key types",
			doc: jwksDoc(rsaJWK, with(ecJWK, "use", "enc"), with(rsaJWK, "alg", "RS384"), with(rsaJWK, "alg", "PS256"),
				jwkOf("p384", &ec384Key.PublicKey), map[string]any{"kty": "oct", "k": b64(testSecret), "kid": "hmac"},
				map[string]any{"kty": "OKP", "crv": "Ed25519", "x": b64(make([]byte, 32))}, with(ecJWK, "key_ops", []string{"encrypt"})),
			wantKids: []string{"r1"}, wantSkipped: 7,
		},
		{name: "only unusable keys", doc: jwksDoc(map[string]any{"kty": "oct", "k": "c2VjcmV0"}), wantErr: "no RSA or EC P-256"},
		{name: "empty set", doc: []byte(`{"keys":[]}`), wantErr: "no RSA or EC P-256"},
		{name: "private key material", doc: jwksDoc(with(rsaJWK, "d", "AQAB")), wantErr: "private key material"},
		{name: "point not on curve", doc: jwksDoc(offCurve), wantErr: "invalid P-256 point"},
		{name: "short coordinate", doc: jwksDoc(with(ecJWK, "x", b64([]byte{1, 2}))), wantErr: "32 bytes"},
		{name: "bad base64", doc: jwksDoc(with(rsaJWK, "n", "***")), wantErr: "base64url"},
		{name: "even exponent", doc: jwksDoc(with(rsaJWK, "e", b64([]byte{4}))), wantErr: "exponent"},
		{name: "small modulus", doc: jwksDoc(with(rsaJWK, "n", b64(rsaKey.N.Bytes()[:64]))), wantErr: "too small"},
		{name: "not JSON", doc: []byte("<html>"), wantErr: "not a JWK Set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys, skipped, err := parseJWKS(tt.doc)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var kids []string
			for _, k := range keys {
				kids = append(kids, k.kid)
			}
			if !slices.Equal(kids, tt.wantKids) || skipped != tt.wantSkipped {
				t.Errorf("kids = %v skipped %d, want %v skipped %d", kids, skipped, tt.wantKids, tt.wantSkipped)
			}
		})
	}
}

// TestTokenJWKSRemoteRotation checks the refresh policy of a JWKS URL: an
// unknown kid triggers at most one fetch a minute, and keys older than five
// minutes are refreshed in the background.
func TestTokenJWKSRemoteRotation(t *testing.T) {
	var hits atomic.Int64
	doc := atomic.Pointer[[]byte]{}
	k1 := must(ecdsa.GenerateKey(elliptic.P256(), rand.Reader))
	k2 := must(ecdsa.GenerateKey(elliptic.P256(), rand.Reader))
	k3 := must(ecdsa.GenerateKey(elliptic.P256(), rand.Reader))
	d1 := jwksDoc(jwkOf("k1", &k1.PublicKey))
	doc.Store(&d1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = w.Write(*doc.Load())
	}))
	defer srv.Close()

	cfg := baseConfig()
	cfg.JWKS = srv.URL + "/jwks?tenant=x"
	v := newVerifier(t, cfg)
	clock := time.Now()
	var clockMu sync.Mutex
	v.remote.now = func() time.Time { clockMu.Lock(); defer clockMu.Unlock(); return clock }
	advance := func(d time.Duration) { clockMu.Lock(); clock = clock.Add(d); clockMu.Unlock() }
	verify := func(key *ecdsa.PrivateKey, kid string) error {
		_, err := v.Verify(context.Background(), sign(t, jwt.SigningMethodES256, key, kid, claims(nil)))
		return err
	}
	if hits.Load() != 1 {
		t.Fatalf("fetches at start = %d, want 1", hits.Load())
	}
	if err := verify(k1, "k1"); err != nil {
		t.Fatalf("k1: %v", err)
	}

	// The provider rotates to k2.
	d2 := jwksDoc(jwkOf("k1", &k1.PublicKey), jwkOf("k2", &k2.PublicKey))
	doc.Store(&d2)
	if err := verify(k2, "k2"); err == nil || !strings.Contains(err.Error(), "key id not recognised") {
		t.Fatalf("k2 within a minute of the last fetch: err = %v, want key id not recognised", err)
	}
	if hits.Load() != 1 {
		t.Fatalf("unknown kid within a minute fetched: %d fetches", hits.Load())
	}
	advance(61 * time.Second)
	if err := verify(k2, "k2"); err != nil {
		t.Fatalf("k2 after a minute: %v", err)
	}
	if hits.Load() != 2 {
		t.Fatalf("fetches = %d, want 2", hits.Load())
	}
	for range 5 { // a flood of unknown kids fetches nothing more
		if err := verify(k1, "random-kid"); err == nil {
			t.Fatal("unknown kid accepted")
		}
	}
	if hits.Load() != 2 {
		t.Fatalf("unknown kid flood: fetches = %d, want 2", hits.Load())
	}

	// After five minutes a verification refreshes in the background.
	d3 := jwksDoc(jwkOf("k3", &k3.PublicKey))
	doc.Store(&d3)
	advance(5*time.Minute + time.Second)
	_ = verify(k1, "k1") // starts the refresh; k1 may or may not be gone yet
	deadline := time.Now().Add(5 * time.Second)
	for hits.Load() < 3 || v.remote.refreshing.Load() {
		if time.Now().After(deadline) {
			t.Fatalf("no background refresh: fetches = %d", hits.Load())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := verify(k3, "k3"); err != nil {
		t.Fatalf("k3 after background refresh: %v", err)
	}
	if err := verify(k1, "k1"); err == nil {
		t.Fatal("k1 still accepted after the provider removed it")
	}

	// A failing endpoint keeps the known keys.
	bad := []byte("oops")
	doc.Store(&bad)
	advance(2 * time.Minute)
	if err := verify(k2, "k2"); err == nil {
		t.Fatal("k2 accepted though the provider removed it")
	}
	if err := verify(k3, "k3"); err != nil {
		t.Fatalf("k3 after a failed refresh: %v", err)
	}
}

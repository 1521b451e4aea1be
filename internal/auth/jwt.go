package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/errs"
)

// MaxTokenSize bounds a bearer token; longer ones are rejected unparsed.
const MaxTokenSize = 8 << 10

// MaxMintTTL bounds the lifetime of a token made by Mint.
const MaxMintTTL = 30 * 24 * time.Hour

// maxSubjectLen bounds the `sub` claim.
const maxSubjectLen = 256

// Claims are the claims Tulkki reads from a token: the registered ones,
// `roles` and `orgs`.
type Claims struct {
	jwt.RegisteredClaims
	// Roles may hold roles of other systems; only Tulkki's roles count.
	Roles []string `json:"roles,omitempty"`
	// Orgs are the organisation ids an ORG_EDITOR may edit.
	Orgs []string `json:"orgs,omitempty"`
}

// Verifier checks bearer tokens with the keys from configuration. The
// accepted algorithms follow from the configured keys only, never from the
// token: HS256 iff a secret is configured, RS256 iff an RSA key is, ES256 iff
// an EC P-256 key is. A Verifier is safe for concurrent use; a nil Verifier
// rejects every token.
type Verifier struct {
	secret  []byte
	static  []publicKey // from the PEM file and a JWKS file
	remote  *remoteJWKS // a JWKS URL, or nil
	methods []string
	parser  *jwt.Parser
	log     *slog.Logger
}

// NewVerifier loads the verification keys that cfg names. A JWKS URL is
// fetched now (within 5 s); when that fails, so does NewVerifier, so a
// misconfigured or unreachable identity provider stops the start instead of
// silently rejecting every token. With no key source configured the
// verifier rejects every bearer token, and a warning is logged.
func NewVerifier(ctx context.Context, cfg config.Auth, log *slog.Logger) (*Verifier, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.Issuer == "" || cfg.Audience == "" {
		return nil, errors.New("auth: the JWT issuer and audience must be set")
	}
	if cfg.Leeway < 0 || cfg.Leeway > config.MaxJWTLeeway {
		return nil, fmt.Errorf("auth: JWT leeway %s is not between 0s and %s", cfg.Leeway, config.MaxJWTLeeway)
	}
	v := &Verifier{log: log}
	if len(cfg.HS256Secret) > 0 {
		if len(cfg.HS256Secret) < config.MinJWTSecretLen {
			return nil, fmt.Errorf("auth: TULKKI_JWT_HS256_SECRET must be at least %d bytes", config.MinJWTSecretLen)
		}
		v.secret = slices.Clone([]byte(cfg.HS256Secret))
	}
	if cfg.PublicKeyFile != "" {
		data, err := readKeyFile(cfg.PublicKeyFile)
		if err != nil {
			return nil, fmt.Errorf("auth: TULKKI_JWT_PUBLIC_KEY_FILE: %w", err)
		}
		keys, err := parsePEMKeys(data)
		if err != nil {
			return nil, fmt.Errorf("auth: TULKKI_JWT_PUBLIC_KEY_FILE %s: %w", cfg.PublicKeyFile, err)
		}
		v.static = append(v.static, keys...)
	}
	jwksSkipped := 0
	switch {
	case cfg.JWKS == "":
	case isJWKSURL(cfg.JWKS):
		r, err := newRemoteJWKS(cfg.JWKS, log)
		if err != nil {
			return nil, fmt.Errorf("auth: TULKKI_JWT_JWKS: %w", err)
		}
		if jwksSkipped, err = r.load(ctx); err != nil {
			return nil, fmt.Errorf("auth: TULKKI_JWT_JWKS: %w (the identity provider must be reachable when Tulkki starts)", err)
		}
		v.remote = r
	default:
		data, err := readKeyFile(cfg.JWKS)
		if err != nil {
			return nil, fmt.Errorf("auth: TULKKI_JWT_JWKS: %w", err)
		}
		keys, skipped, err := parseJWKS(data)
		if err != nil {
			return nil, fmt.Errorf("auth: TULKKI_JWT_JWKS %s: %w", cfg.JWKS, err)
		}
		v.static, jwksSkipped = append(v.static, keys...), skipped
	}

	// The accepted algorithms: from the configured keys only. A JWKS URL
	// contributes the algorithms of the keys it serves at start.
	if v.secret != nil {
		v.methods = append(v.methods, algHS256)
	}
	for _, k := range v.publicKeys() {
		if !slices.Contains(v.methods, k.alg) {
			v.methods = append(v.methods, k.alg)
		}
	}
	if len(v.methods) == 0 {
		log.Warn("no JWT verification key configured: every bearer token will be rejected, only anonymous access works " +
			"(set TULKKI_JWT_HS256_SECRET, TULKKI_JWT_PUBLIC_KEY_FILE or TULKKI_JWT_JWKS)")
	} else {
		log.Info("JWT verification configured", "algorithms", v.methods, "public_keys", len(v.publicKeys()),
			"jwks_keys_skipped", jwksSkipped, "issuer", cfg.Issuer, "audience", cfg.Audience, "leeway", cfg.Leeway.String())
	}
	v.parser = jwt.NewParser(
		jwt.WithValidMethods(v.methods),
		jwt.WithIssuer(cfg.Issuer),
		jwt.WithAudience(cfg.Audience),
		jwt.WithLeeway(cfg.Leeway),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithStrictDecoding(),
	)
	return v, nil
}

// publicKeys returns all public keys known now.
func (v *Verifier) publicKeys() []publicKey {
	if v.remote == nil {
		return v.static
	}
	return append(slices.Clip(v.static), v.remote.current()...)
}

// Verify checks raw (the token, without "Bearer ") and returns its
// principal. Every failure is an errs.Unauthenticated error whose message
// is short and safe to show to the caller; it never contains the token.
func (v *Verifier) Verify(ctx context.Context, raw string) (Principal, error) {
	switch {
	case len(raw) > MaxTokenSize:
		return Principal{}, errs.Unauthenticated("token too large")
	case raw == "":
		return Principal{}, errs.Unauthenticated("token missing")
	case v == nil || len(v.methods) == 0:
		return Principal{}, errs.Unauthenticated("bearer tokens are not accepted by this server")
	}
	if v.remote != nil {
		v.remote.maybeRefreshInBackground()
	}
	var c Claims
	tok, err := v.parser.ParseWithClaims(raw, &c, v.keyFunc(ctx))
	if err != nil {
		return Principal{}, v.explain(tok, err)
	}
	return principalOf(&c)
}

// keyFunc returns the key(s) for tok: the HMAC secret for HS256 only, and
// for RS256/ES256 only public keys of that algorithm. It never returns the
// secret for an asymmetric token nor a public key for an HMAC one, and it
// never uses key material or key URLs from the token (jwk, jku, x5u, x5c).
func (v *Verifier) keyFunc(ctx context.Context) jwt.Keyfunc {
	return func(tok *jwt.Token) (any, error) {
		if _, ok := tok.Header["crit"]; ok {
			return nil, errs.Unauthenticated("token has critical header extensions")
		}
		alg := tok.Method.Alg()
		if !slices.Contains(v.methods, alg) { // also checked by the parser (WithValidMethods)
			return nil, errs.Unauthenticated("token algorithm not accepted")
		}
		switch alg {
		case algHS256:
			if _, ok := tok.Method.(*jwt.SigningMethodHMAC); !ok || v.secret == nil {
				return nil, errs.Unauthenticated("token algorithm not accepted")
			}
			return v.secret, nil
		case algRS256:
			if _, ok := tok.Method.(*jwt.SigningMethodRSA); !ok {
				return nil, errs.Unauthenticated("token algorithm not accepted")
			}
		case algES256:
			if _, ok := tok.Method.(*jwt.SigningMethodECDSA); !ok {
				return nil, errs.Unauthenticated("token algorithm not accepted")
			}
		default:
			return nil, errs.Unauthenticated("token algorithm not accepted")
		}
		kid, hasKid := tok.Header["kid"].(string)
		if _, present := tok.Header["kid"]; present && (!hasKid || kid == "") {
			return nil, errs.Unauthenticated("token key id malformed")
		}
		keys, named := selectKeys(v.publicKeys(), alg, kid)
		if kid != "" && !named && v.remote != nil && v.remote.refresh(ctx, jwksUnknownKidWait) {
			keys, _ = selectKeys(v.publicKeys(), alg, kid) // the provider may have rotated its keys
		}
		switch {
		case len(keys) == 1:
			return keys[0], nil
		case len(keys) > 1:
			return jwt.VerificationKeySet{Keys: keys}, nil
		case kid != "":
			return nil, errs.Unauthenticated("token key id not recognised")
		default:
			return nil, errs.Unauthenticated("token has no key id; several keys are configured")
		}
	}
}

// selectKeys picks the keys of algorithm alg that may have signed a token
// with key id kid, never a key of another algorithm:
//   - a kid selects the keys with that kid (named reports a match); when none
//     has it, the keys that declare no kid (PEM keys) are the candidates,
//     since they cannot be named;
//   - no kid selects the keys that declare no kid, or else the only key of
//     alg: with several JWKS keys a token must name its key.
//
// Several candidates are each tried; there are at most maxKeys per source.
func selectKeys(all []publicKey, alg, kid string) (keys []jwt.VerificationKey, named bool) {
	var withKid, unnamed, ofAlg []jwt.VerificationKey
	for _, k := range all {
		if k.alg != alg {
			continue
		}
		ofAlg = append(ofAlg, k.key)
		switch {
		case k.kid == "":
			unnamed = append(unnamed, k.key)
		case k.kid == kid:
			withKid = append(withKid, k.key)
		}
	}
	switch {
	case len(withKid) > 0:
		return withKid, true
	case len(unnamed) > 0:
		return unnamed, false
	case kid == "" && len(ofAlg) == 1:
		return ofAlg, false
	}
	return nil, false
}

// explain turns a parse error into a short, safe UNAUTHENTICATED error.
func (v *Verifier) explain(tok *jwt.Token, err error) error {
	var own *errs.Error
	if errors.As(err, &own) {
		return own // from keyFunc
	}
	msg := "token invalid"
	switch {
	case errors.Is(err, errClaimsNotStrict):
		msg = "token claims malformed"
	case errors.Is(err, jwt.ErrTokenMalformed):
		msg = "token malformed"
	case tok != nil && tok.Method != nil && !slices.Contains(v.methods, tok.Method.Alg()),
		errors.Is(err, jwt.ErrTokenUnverifiable): // alg missing or unknown
		msg = "token algorithm not accepted"
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		msg = "token signature invalid"
	case errors.Is(err, jwt.ErrTokenExpired):
		msg = "token expired"
	case errors.Is(err, jwt.ErrTokenNotValidYet):
		msg = "token not valid yet"
	case errors.Is(err, jwt.ErrTokenUsedBeforeIssued):
		msg = "token issued in the future"
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		msg = "token issuer not accepted"
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		msg = "token audience not accepted"
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing):
		msg = "token lacks a required claim (exp, iss or aud)"
	case errors.Is(err, jwt.ErrInvalidType):
		msg = "token claims malformed"
	}
	return errs.Unauthenticated(msg)
}

// principalOf checks Tulkki's own claim rules and builds the principal.
func principalOf(c *Claims) (Principal, error) {
	if c.Subject == "" {
		return Principal{}, errs.Unauthenticated("token has no subject")
	}
	if len(c.Subject) > maxSubjectLen || strings.ContainsFunc(c.Subject, isControl) {
		return Principal{}, errs.Unauthenticated("token subject malformed")
	}
	p := Principal{Subject: c.Subject}
	for _, r := range c.Roles {
		if role := Role(r); slices.Contains(AllRoles, role) && !slices.Contains(p.Roles, role) {
			p.Roles = append(p.Roles, role)
		}
	}
	if len(p.Roles) == 0 {
		return Principal{}, errs.Unauthenticated("token carries no Tulkki role")
	}
	for _, o := range c.Orgs {
		if o != "" && !slices.Contains(p.Orgs, o) {
			p.Orgs = append(p.Orgs, o)
		}
	}
	return p, nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// Mint makes an HS256 token for p, valid from now for ttl, with iss, aud,
// sub, iat, nbf, exp, roles and orgs. It is for local development and tests
// (`tulkki token`); production tokens come from an identity provider.
func Mint(secret []byte, issuer, audience string, p Principal, ttl time.Duration, now time.Time) (string, error) {
	switch {
	case len(secret) == 0:
		return "", errors.New("no HMAC secret: set TULKKI_JWT_HS256_SECRET")
	case len(secret) < config.MinJWTSecretLen:
		return "", fmt.Errorf("HMAC secret must be at least %d bytes", config.MinJWTSecretLen)
	case issuer == "" || audience == "":
		return "", errors.New("issuer and audience must be set")
	case ttl <= 0 || ttl > MaxMintTTL:
		return "", fmt.Errorf("ttl %s is not between 0 and %s", ttl, MaxMintTTL)
	case p.Subject == "":
		return "", errors.New("subject must be set")
	case len(p.Subject) > maxSubjectLen || strings.ContainsFunc(p.Subject, isControl):
		return "", errors.New("subject is too long or contains control characters")
	case len(p.Roles) == 0:
		return "", errors.New("at least one role is needed")
	}
	roles := make([]string, 0, len(p.Roles))
	for _, r := range p.Roles {
		if !slices.Contains(AllRoles, r) {
			return "", fmt.Errorf("unknown role %q", r)
		}
		roles = append(roles, string(r))
	}
	c := Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    issuer,
			Subject:   p.Subject,
			Audience:  jwt.ClaimStrings{audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		},
		Roles: roles,
		Orgs:  p.Orgs,
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(secret)
}

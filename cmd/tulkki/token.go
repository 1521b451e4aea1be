package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
)

// runToken mints a development token with the local HMAC secret and prints
// only the token, so `TOKEN=$(tulkki token --sub … --roles …)` works.
func runToken(_ context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	sub := fs.String("sub", "", "subject: the person id of a professional (required)")
	roles := fs.String("roles", "", "comma-separated roles: PROFESSIONAL, ORG_EDITOR, FACILITATOR, COORDINATOR, ADMIN (required)")
	orgs := fs.String("orgs", "", "comma-separated organisation ids an ORG_EDITOR may edit")
	ttl := fs.Duration("ttl", 12*time.Hour, "how long the token is valid (at most 720h)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("token: unexpected argument %q (flags are --sub, --roles, --orgs, --ttl)", fs.Arg(0))
	}
	secret := env.cfg.Auth.HS256Secret
	if len(secret) == 0 {
		return errors.New("token: TULKKI_JWT_HS256_SECRET is not set; tokens are signed with that local HMAC secret, " +
			"which the server must have too (at least 32 bytes, e.g. `openssl rand -base64 48`)")
	}
	if strings.TrimSpace(*sub) == "" {
		return errors.New("token: --sub is required (the person id of the caller)")
	}
	p := auth.Principal{Subject: strings.TrimSpace(*sub), Orgs: splitList(*orgs)}
	for _, r := range splitList(*roles) {
		role := auth.Role(strings.ToUpper(r))
		if !slices.Contains(auth.AllRoles, role) {
			return fmt.Errorf("token: unknown role %q (known: %s)", r, joinRoles(auth.AllRoles))
		}
		if !slices.Contains(p.Roles, role) {
			p.Roles = append(p.Roles, role)
		}
	}
	if len(p.Roles) == 0 {
		return fmt.Errorf("token: --roles is required (one or more of %s)", joinRoles(auth.AllRoles))
	}
	tok, err := auth.Mint(secret, env.cfg.Auth.Issuer, env.cfg.Auth.Audience, p, *ttl, time.Now())
	if err != nil {
		return fmt.Errorf("token: %w", err)
	}
	env.log.Debug("token minted", "sub", p.Subject, "roles", p.Roles, "ttl", ttl.String())
	_, err = fmt.Fprintln(env.stdout, tok)
	return err
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" && !slices.Contains(out, item) {
			out = append(out, item)
		}
	}
	return out
}

func joinRoles(roles []auth.Role) string {
	s := make([]string, len(roles))
	for i, r := range roles {
		s[i] = string(r)
	}
	return strings.Join(s, ", ")
}

package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tulkki/tulkki/internal/httpapi"
	"github.com/tulkki/tulkki/internal/seed"
	"github.com/tulkki/tulkki/internal/store"
)

// devLoginTTL is how long a development sign-in lasts.
const devLoginTTL = 8 * time.Hour

// devLogin returns the development sign-in when it is enabled: only with
// TULKKI_DEV_LOGIN=true AND a local HS256 secret. `make run` sets both;
// production must set neither.
func devLogin(env *environment, st *store.Store) *httpapi.DevLogin {
	if !env.cfg.DevLogin {
		return nil
	}
	if len(env.cfg.Auth.HS256Secret) == 0 {
		env.log.Warn("TULKKI_DEV_LOGIN is set but TULKKI_JWT_HS256_SECRET is not; the development login stays disabled")
		return nil
	}
	env.log.Warn("development login enabled at /dev/login: anyone reaching this server can act as anyone; never use in production")
	return &httpapi.DevLogin{
		Secret: env.cfg.Auth.HS256Secret, Issuer: env.cfg.Auth.Issuer, Audience: env.cfg.Auth.Audience, TTL: devLoginTTL,
		People: func(ctx context.Context) ([]httpapi.DevPerson, error) { return demoPeople(ctx, st) },
	}
}

// demoPeople are the demo dataset's people as they are now in the database
// (names may have been edited; erased people are left out). Only the demo
// people are offered, not the whole database, which on a shared test
// database holds thousands of test fixtures; any other id can be typed in.
func demoPeople(ctx context.Context, st *store.Store) ([]httpapi.DevPerson, error) {
	ds, err := seed.Load()
	if err != nil {
		return nil, fmt.Errorf("dev login people: %w", err)
	}
	ids := make([]string, len(ds.People))
	for i, p := range ds.People {
		ids[i] = p.ID
	}
	current, err := st.PeopleByID(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("dev login people: %w", err)
	}
	out := make([]httpapi.DevPerson, 0, len(current))
	for _, id := range ids {
		if p, ok := current[id]; ok {
			out = append(out, httpapi.DevPerson{ID: p.ID, Name: p.Name, Headline: p.Headline, Visibility: string(p.Visibility)})
		}
	}
	slices.SortFunc(out, func(a, b httpapi.DevPerson) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

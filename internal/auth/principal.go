// Package auth says who is calling (authentication: bearer JWTs verified
// with keys from configuration) and what they may do (authorisation: the
// policy in policy.go, applied by the domain services). The middleware
// puts the Principal into the request context; resolvers and HTTP handlers
// read it there (From) and pass it to the domain as a parameter, so no
// domain method looks into the context for it.
package auth

import (
	"context"
	"slices"
)

// Role is a role claim of a token.
type Role string

const (
	RoleProfessional Role = "PROFESSIONAL"
	RoleOrgEditor    Role = "ORG_EDITOR"
	RoleFacilitator  Role = "FACILITATOR"
	// RoleCoordinator is a partnership coordinator (a city's named
	// coordinator, a funder, an NGO support association): follows and
	// moves every collaboration, records notes and decisions, reads the
	// ecosystem's aggregates.
	RoleCoordinator Role = "COORDINATOR"
	RoleAdmin       Role = "ADMIN"
)

// AllRoles lists the roles Tulkki knows.
var AllRoles = []Role{RoleProfessional, RoleOrgEditor, RoleFacilitator, RoleCoordinator, RoleAdmin}

// Principal is the caller of one request. The zero value is an anonymous
// visitor.
type Principal struct {
	// Subject is the token's `sub`: for a professional, their person id.
	Subject string
	Roles   []Role
	// Orgs are the organisation ids an ORG_EDITOR may edit.
	Orgs []string
}

// Anonymous reports whether no (valid) token came with the request.
func (p Principal) Anonymous() bool { return p.Subject == "" && len(p.Roles) == 0 }

// Has reports whether the principal holds role r.
func (p Principal) Has(r Role) bool { return slices.Contains(p.Roles, r) }

// IsAdmin reports whether the principal may do everything.
func (p Principal) IsAdmin() bool { return p.Has(RoleAdmin) }

// Edits reports whether the principal is an ORG_EDITOR of organisation id.
func (p Principal) Edits(orgID string) bool {
	return p.Has(RoleOrgEditor) && slices.Contains(p.Orgs, orgID)
}

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// From returns the principal of ctx, anonymous when there is none. Only
// the edge (graph, httpapi) calls it.
func From(ctx context.Context) Principal {
	p, _ := ctx.Value(principalKey{}).(Principal)
	return p
}

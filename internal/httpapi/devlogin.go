package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/tulkki/tulkki/internal/auth"
)

// DevLogin is the development sign-in: it mints a short-lived HS256 token
// for any person and roles the caller picks. Anyone who can reach it can act
// as anyone, so the server enables it only with a local HS256 secret AND
// TULKKI_DEV_LOGIN=true (see cmd/tulkki/serve.go); never in production.
type DevLogin struct {
	Secret   []byte
	Issuer   string
	Audience string
	// TTL is how long a minted token is valid.
	TTL time.Duration
	// People lists the people one can sign in as.
	People func(ctx context.Context) ([]DevPerson, error)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// DevPerson is one choice on the development sign-in page.
type DevPerson struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Headline   string `json:"headline,omitempty"`
	Visibility string `json:"visibility"`
}

// devLoginRequest is the body of POST /dev/login.
type devLoginRequest struct {
	PersonID string   `json:"personId"`
	Roles    []string `json:"roles"`
	Orgs     []string `json:"orgs"`
}

type devLoginResponse struct {
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expiresAt"`
	PersonID  string    `json:"personId"`
	Roles     []string  `json:"roles"`
	Orgs      []string  `json:"orgs"`
}

// maxDevOrgs bounds the organisations one dev token may edit.
const maxDevOrgs = 50

func mountDevLogin(r chi.Router, d *DevLogin) {
	if d == nil {
		// Answer 404 here explicitly: otherwise the web app's fallback
		// would serve its page for GET /dev/people.
		r.HandleFunc("/dev/*", func(w http.ResponseWriter, _ *http.Request) {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "development login is disabled"})
		})
		return
	}
	r.Get("/dev/people", d.people)
	r.Post("/dev/login", d.login)
}

func (d *DevLogin) people(w http.ResponseWriter, r *http.Request) {
	people, err := d.People(r.Context())
	if err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "could not list people", "code": "UNAVAILABLE"})
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{"people": people, "roles": auth.AllRoles})
}

func (d *DevLogin) login(w http.ResponseWriter, r *http.Request) {
	// A JSON body cannot be sent cross-site without a CORS preflight, so a
	// foreign page cannot make a browser sign in here.
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		badDevLogin(w, "the body must be JSON (Content-Type: application/json)")
		return
	}
	var req devLoginRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		badDevLogin(w, "the body is not a valid sign-in request: "+err.Error())
		return
	}
	p, err := req.principal()
	if err != nil {
		badDevLogin(w, err.Error())
		return
	}
	now := time.Now()
	if d.Now != nil {
		now = d.Now()
	}
	tok, err := auth.Mint(d.Secret, d.Issuer, d.Audience, p, d.TTL, now)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "could not mint a token"})
		return
	}
	roles := make([]string, len(p.Roles))
	for i, role := range p.Roles {
		roles[i] = string(role)
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, devLoginResponse{Token: tok, ExpiresAt: now.Add(d.TTL).UTC(), PersonID: p.Subject,
		Roles: roles, Orgs: nonNilStrings(p.Orgs)})
}

// principal checks the request the way `tulkki token` checks its flags.
func (req devLoginRequest) principal() (auth.Principal, error) {
	p := auth.Principal{Subject: strings.TrimSpace(req.PersonID)}
	if p.Subject == "" || len(p.Subject) > 256 {
		return p, errors.New("personId: give the id of the person to sign in as")
	}
	for _, r := range req.Roles {
		role := auth.Role(strings.ToUpper(strings.TrimSpace(r)))
		if !slices.Contains(auth.AllRoles, role) {
			return p, fmt.Errorf("roles: unknown role %q", r)
		}
		if !slices.Contains(p.Roles, role) {
			p.Roles = append(p.Roles, role)
		}
	}
	if len(p.Roles) == 0 {
		return p, errors.New("roles: choose at least one role")
	}
	if len(req.Orgs) > maxDevOrgs {
		return p, fmt.Errorf("orgs: at most %d organisations", maxDevOrgs)
	}
	for _, o := range req.Orgs {
		if o = strings.TrimSpace(o); o != "" && !slices.Contains(p.Orgs, o) {
			p.Orgs = append(p.Orgs, o)
		}
	}
	return p, nil
}

func badDevLogin(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusBadRequest, map[string]string{"error": msg, "code": "BAD_USER_INPUT"})
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

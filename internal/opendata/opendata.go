// Package opendata publishes Tulkki's public data for portals as schema.org
// JSON-LD: organisations (Organization) and collaborations (Project), paged,
// under CC BY 4.0, with a DCAT description of the two datasets. People are
// never published: open data is about who works with whom, and a person's
// consent covers Tulkki's members, not the open web.
//
// The documents carry their @context inline, not as a URL, so that a
// consumer (and the tests) can process them without fetching anything.
package opendata

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// Store is what the open data reads (*store.Store is one).
type Store interface {
	OpenOrganisations(ctx context.Context, after string, limit int) ([]model.OpenOrganisation, error)
	OpenCollaborations(ctx context.Context, after string, limit int) ([]model.OpenCollaboration, error)
}

// Service builds the documents.
type Service struct{ store Store }

// New returns the open data service over st.
func New(st Store) *Service { return &Service{store: st} }

// License is the licence of the open data.
const License = "https://creativecommons.org/licenses/by/4.0/"

// Page sizes: the default and the most a request may ask for.
const (
	DefaultPageSize = 100
	MaxPageSize     = 500
)

// Document is one JSON-LD document with what HTTP caching needs.
type Document struct {
	Body map[string]any
	// LastModified is the latest change among what the page holds (zero
	// for a document without dated items).
	LastModified time.Time
}

// Page asks for one page: the items after the id After, at most First.
type Page struct {
	After string
	First int
}

func (p Page) check() (Page, error) {
	switch {
	case p.First == 0:
		p.First = DefaultPageSize
	case p.First < 1 || p.First > MaxPageSize:
		return p, errs.Invalid("first", "first must be between 1 and %d", MaxPageSize)
	}
	return p, nil
}

// jsonldContext is the documents' inline JSON-LD context: schema.org terms, DCAT
// and Dublin Core for the catalogue, and Tulkki's own few terms (sector,
// phase, role) under the server's vocabulary.
func jsonldContext(base string) map[string]any {
	return map[string]any{
		"@vocab":  "https://schema.org/",
		"dcat":    "http://www.w3.org/ns/dcat#",
		"dct":     "http://purl.org/dc/terms/",
		"tulkki":  base + "/open/vocabulary#",
		"sector":  "tulkki:sector",
		"phase":   "tulkki:phase",
		"form":    "tulkki:form",
		"kind":    "tulkki:kind",
		"license": map[string]any{"@id": "license", "@type": "@id"},
		"url":     map[string]any{"@id": "url", "@type": "@id"},
		"next":    map[string]any{"@id": "tulkki:nextPage", "@type": "@id"},
	}
}

// Organisations is a page of organisations as schema.org Organization
// nodes; base is the server's public URL (no trailing slash).
func (s *Service) Organisations(ctx context.Context, base string, page Page) (Document, error) {
	page, err := page.check()
	if err != nil {
		return Document{}, err
	}
	orgs, err := s.store.OpenOrganisations(ctx, page.After, page.First+1)
	if err != nil {
		return Document{}, fmt.Errorf("open data: read organisations: %w", err)
	}
	more := len(orgs) > page.First
	orgs = orgs[:min(len(orgs), page.First)]
	var doc Document
	graph := make([]any, 0, len(orgs))
	for _, o := range orgs {
		n := map[string]any{
			"@id": organisationIRI(base, o.ID), "@type": "Organization", "identifier": o.ID, "name": o.Name,
			"sector": string(o.Sector),
		}
		setIf(n, "kind", string(o.Kind))
		setIf(n, "description", o.Description)
		setIf(n, "url", o.Website)
		setIf(n, "areaServed", o.Region)
		if len(o.Topics) > 0 {
			n["knowsAbout"] = o.Topics
		}
		graph = append(graph, n)
		doc.LastModified = later(doc.LastModified, o.UpdatedAt)
	}
	doc.Body = pageDocument(base, "/open/organisations.jsonld", "Organisations in Tulkki", graph, page, more, lastID(graph))
	return doc, nil
}

// Collaborations is a page of collaborations as schema.org Project nodes
// with their partner organisations as members (funders as funder).
func (s *Service) Collaborations(ctx context.Context, base string, page Page) (Document, error) {
	page, err := page.check()
	if err != nil {
		return Document{}, err
	}
	cs, err := s.store.OpenCollaborations(ctx, page.After, page.First+1)
	if err != nil {
		return Document{}, fmt.Errorf("open data: read collaborations: %w", err)
	}
	more := len(cs) > page.First
	cs = cs[:min(len(cs), page.First)]
	var doc Document
	graph := make([]any, 0, len(cs))
	for _, c := range cs {
		n := map[string]any{
			"@id": base + "/collaborations/" + url.PathEscape(c.ID), "@type": "Project", "identifier": c.ID, "name": c.Title,
			"phase": string(c.Phase), "form": string(c.Form),
		}
		setIf(n, "description", c.Description)
		if c.StartDate != nil {
			n["foundingDate"] = c.StartDate.String()
		}
		if c.EndDate != nil {
			n["dissolutionDate"] = c.EndDate.String()
		}
		if len(c.Topics) > 0 {
			n["keywords"] = c.Topics
		}
		var members, funders []any
		for _, p := range c.Partners {
			ref := map[string]any{"@id": organisationIRI(base, p.OrganisationID), "@type": "Organization", "name": p.Name}
			if p.Role == model.PartnerFunder {
				funders = append(funders, ref)
			} else {
				members = append(members, ref)
			}
		}
		if len(members) > 0 {
			n["member"] = members
		}
		if len(funders) > 0 {
			n["funder"] = funders
		}
		graph = append(graph, n)
		doc.LastModified = later(doc.LastModified, c.UpdatedAt)
	}
	doc.Body = pageDocument(base, "/open/collaborations.jsonld", "Collaborations in Tulkki", graph, page, more, lastID(graph))
	return doc, nil
}

// Catalogue describes the two datasets (DCAT), for portals that harvest.
func (s *Service) Catalogue(base string) Document {
	dataset := func(path, title, description string) map[string]any {
		return map[string]any{
			"@id": base + path + "#dataset", "@type": "dcat:Dataset",
			"dct:title": title, "dct:description": description, "dct:license": map[string]any{"@id": License},
			"dcat:distribution": map[string]any{
				"@type": "dcat:Distribution", "dcat:accessURL": map[string]any{"@id": base + path},
				"dcat:mediaType": "application/ld+json", "dct:license": map[string]any{"@id": License},
			},
		}
	}
	return Document{Body: map[string]any{
		"@context": jsonldContext(base),
		"@id":      base + "/open/", "@type": "dcat:Catalog",
		"dct:title":       "Tulkki open data",
		"dct:description": "Organisations across the public, private, third and academic sectors and their collaborations, as schema.org JSON-LD, paged (first, after). No personal data.",
		"dct:license":     map[string]any{"@id": License},
		"dcat:dataset": []any{
			dataset("/open/organisations.jsonld", "Organisations", "Organisations with their sector, kind, region, website and topics (schema:Organization)."),
			dataset("/open/collaborations.jsonld", "Collaborations", "Collaborations with their phase, form, dates, topics and partner organisations (schema:Project)."),
		},
	}}
}

// pageDocument is one page: its items and a CollectionPage node for the
// page itself (licence, the dataset it belongs to, the next page), all in
// the default graph.
func pageDocument(base, path, title string, items []any, page Page, more bool, last string) map[string]any {
	self := map[string]any{
		"@id": base + path + pageQuery(page.After, page.First), "@type": "CollectionPage",
		"name": title, "license": License, "isPartOf": map[string]any{"@id": base + path + "#dataset"},
	}
	if more {
		self["next"] = base + path + pageQuery(last, page.First)
	}
	return map[string]any{"@context": jsonldContext(base), "@graph": append([]any{self}, items...)}
}

func pageQuery(after string, first int) string {
	q := url.Values{}
	if after != "" {
		q.Set("after", after)
	}
	if first != DefaultPageSize {
		q.Set("first", fmt.Sprint(first))
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

func organisationIRI(base, id string) string { return base + "/organisations/" + url.PathEscape(id) }

func lastID(items []any) string {
	if len(items) == 0 {
		return ""
	}
	id, _ := items[len(items)-1].(map[string]any)["identifier"].(string)
	return id
}

func setIf(n map[string]any, key, value string) {
	if value != "" {
		n[key] = value
	}
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

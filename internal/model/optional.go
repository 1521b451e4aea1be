package model

import "github.com/tulkki/tulkki/internal/i18n"

// Optional text is stored as "" when absent. The GraphQL schema declares
// these fields nullable, and gqlgen.yml binds them to the methods below so
// that clients read an absent value as null, not as an empty string.

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (p *Person) HeadlineOrNil() *string           { return optional(p.Headline) }
func (p *Person) RegionOrNil() *string             { return optional(p.Region) }
func (e *Experience) RoleTitleOrNil() *string      { return optional(e.RoleTitle) }
func (o *Organisation) RegionOrNil() *string       { return optional(o.Region) }
func (o *Organisation) WebsiteOrNil() *string      { return optional(o.Website) }
func (o *Organisation) DescriptionOrNil() *string  { return optional(o.Description) }
func (c *Collaboration) DescriptionOrNil() *string { return optional(c.Description) }
func (t *Topic) NameFiOrNil() *string              { return optional(t.NameFi) }
func (t *Topic) NameSvOrNil() *string              { return optional(t.NameSv) }
func (t *Topic) DescriptionOrNil() *string         { return optional(t.Description) }
func (c *PhaseChange) NoteOrNil() *string          { return optional(c.Note) }
func (e *Evaluation) NotesOrNil() *string          { return optional(e.Notes) }
func (c *ContactDetails) EmailOrNil() *string      { return optional(c.Email) }
func (c *ContactDetails) PhoneOrNil() *string      { return optional(c.Phone) }
func (n *PathNode) NameOrNil() *i18n.Text {
	if n.Name.IsZero() || n.Name.String() == "" {
		return nil
	}
	return &n.Name
}

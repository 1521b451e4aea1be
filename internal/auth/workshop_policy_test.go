package auth

import "testing"

func TestWorkshopPolicy(t *testing.T) {
	seated := []string{"person-a", "person-b"}
	for _, c := range []struct {
		name         string
		p            Principal
		manage, read bool
	}{
		{"anonymous", Principal{}, false, false},
		{"professional seated there", Principal{Subject: "person-a", Roles: []Role{RoleProfessional}}, false, true},
		{"professional elsewhere", Principal{Subject: "person-c", Roles: []Role{RoleProfessional}}, false, false},
		{"org editor", Principal{Subject: "e", Roles: []Role{RoleOrgEditor}, Orgs: []string{"org"}}, false, false},
		{"facilitator", Principal{Subject: "f", Roles: []Role{RoleFacilitator}}, true, true},
		{"admin", Principal{Subject: "x", Roles: []Role{RoleAdmin}}, true, true},
	} {
		if got := CanManageWorkshops(c.p); got != c.manage {
			t.Errorf("%s: CanManageWorkshops = %v, want %v", c.name, got, c.manage)
		}
		if got := CanReadWorkshop(c.p, seated); got != c.read {
			t.Errorf("%s: CanReadWorkshop = %v, want %v", c.name, got, c.read)
		}
	}
}

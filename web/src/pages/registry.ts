// The app's pages, in navigation order. A page is registered here and
// nowhere else: the router, the navigation and the home page's tiles all
// read this list.

import type { Page } from "../router";
import { boardPage } from "./board";
import { boldPage } from "./bold";
import { callsPage } from "./calls";
import { collaborationPage } from "./collaboration";
import { dashboardPage } from "./dashboard";
import { homePage } from "./home";
import { importPage } from "./import";
import { inboxPage } from "./inbox";
import { mapPage } from "./map";
import { organisationPage } from "./organisation";
import { pairingsPage } from "./pairings";
import { profilePage } from "./profile";
import { signInPage } from "./signin";
import { translatorsPage } from "./translators";
import { workshopsPage } from "./workshops";

export const pages: Page[] = [homePage, translatorsPage, pairingsPage, callsPage, workshopsPage, boldPage, dashboardPage, boardPage, importPage, mapPage, inboxPage, collaborationPage, organisationPage, profilePage, signInPage];

// The app's pages, in navigation order. A page is registered here and
// nowhere else: the router, the navigation and the home page's tiles all
// read this list. Unusual pairings, workshops and bold collaborations will
// be added here once their APIs are merged.

import type { Page } from "../router";
import { homePage } from "./home";
import { profilePage } from "./profile";
import { signInPage } from "./signin";
import { translatorsPage } from "./translators";

export const pages: Page[] = [homePage, translatorsPage, profilePage, signInPage];

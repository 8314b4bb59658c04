// Start GOV.UK Frontend's components; every page also works without JavaScript.
import { initAll } from "./govuk-frontend.min.js";

initAll();

/**
 * Our country alias table, as data. `i18n-iso-countries` (its `en` locale) is the base name list;
 * this file adds what it misses, the display names we prefer, and the sub-national places people
 * write in a "country" column. Spellings are written as people write them: `country.ts` folds
 * them (case, accents, punctuation, spacing, a leading "the", "St." = "Saint", "&" = "and") the
 * same way it folds input, so one entry covers its variants ("U.S.A", "usa", "U S A").
 */

/** Alias -> ISO 3166-1 alpha-2. Takes precedence over the `i18n-iso-countries` names. */
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  // Common English short names and old names
  America: "US",
  "United States of America": "US",
  "The States": "US",
  "United Kingdom of Great Britain and Northern Ireland": "GB",
  Britain: "GB",
  "Great Britain": "GB",
  England: "GB",
  Scotland: "GB",
  Wales: "GB",
  "Northern Ireland": "GB",
  Holland: "NL",
  "Netherlands (the)": "NL",
  Burma: "MM",
  Zaire: "CD",
  Swaziland: "SZ",
  "Kingdom of Eswatini": "SZ",
  "Ivory Coast": "CI",
  "Republic of Cote d'Ivoire": "CI",
  "Czech Rep": "CZ",
  "Czech Republic": "CZ",
  Czechia: "CZ",
  Russia: "RU",
  "Viet Nam": "VN",
  "Socialist Republic of Vietnam": "VN",
  Korea: "KR", // Bare "Korea" is taken as South Korea (North Korea is written as such).
  "S Korea": "KR",
  "South Korea": "KR",
  "Korea South": "KR",
  "Korea (South)": "KR",
  "Korea, South": "KR",
  "North Korea": "KP",
  "Korea North": "KP",
  "Korea, Democratic People's Republic of": "KP",
  "Democratic People's Republic of Korea": "KP",
  DPRK: "KP",
  Laos: "LA",
  "Lao PDR": "LA",
  Syria: "SY",
  Iran: "IR",
  Persia: "IR",
  "Iran, Islamic Republic of": "IR",
  Bolivia: "BO",
  "Bolivia, Plurinational State of": "BO",
  "Plurinational State of Bolivia": "BO",
  Venezuela: "VE",
  "Venezuela, Bolivarian Republic of": "VE",
  "Bolivarian Republic of Venezuela": "VE",
  Tanzania: "TZ",
  "Tanzania, United Republic of": "TZ",
  Moldova: "MD",
  "Republic of Moldova": "MD",
  Macedonia: "MK",
  "Republic of Macedonia": "MK",
  "Macedonia, the former Yugoslav Republic of": "MK",
  FYROM: "MK",
  "Cabo Verde": "CV",
  "East Timor": "TL",
  Vatican: "VA",
  "Vatican City": "VA",
  "Holy See": "VA",
  Palestine: "PS",
  "Palestinian Territories": "PS",
  "Occupied Palestinian Territory": "PS",
  "Palestine, State of": "PS",
  Taiwan: "TW",
  "Republic of China": "TW",
  "Chinese Taipei": "TW",
  "Taiwan (ROC)": "TW",
  "Hong Kong SAR": "HK",
  "Hong Kong, China": "HK",
  "Hong Kong SAR China": "HK",
  Macau: "MO",
  "Macao SAR": "MO",
  "Macau SAR": "MO",
  "Mainland China": "CN",
  PRC: "CN",
  "P.R. China": "CN",
  Brunei: "BN",
  Micronesia: "FM",
  "Federated States of Micronesia": "FM",
  UAE: "AE",
  Emirates: "AE",
  "U.A.E.": "AE",
  KSA: "SA",
  "Kingdom of Saudi Arabia": "SA",
  DRC: "CD",
  "DR Congo": "CD",
  "D.R. Congo": "CD",
  "Congo-Kinshasa": "CD",
  "Congo (Kinshasa)": "CD",
  "Congo, Democratic Republic of the": "CD",
  "Congo, The Democratic Republic of the": "CD",
  "Congo-Brazzaville": "CG",
  "Congo (Brazzaville)": "CG",
  "Congo, Republic of the": "CG",
  "Republic of Congo": "CG",
  Kirghizia: "KG",
  Kyrgyzstan: "KG",
  "Kyrgyz Republic": "KG",
  "Slovak Republic": "SK",
  Bosnia: "BA",
  "Bosnia-Herzegovina": "BA",
  "Bosnia Herzegovina": "BA",
  Herzegovina: "BA",
  Trinidad: "TT",
  "Saint Kitts": "KN",
  "St Kitts and Nevis": "KN",
  "Saint Vincent": "VC",
  "St Vincent": "VC",
  Antigua: "AG",
  "Sao Tome": "ST",
  "Falkland Islands": "FK",
  Falklands: "FK",
  "Faroes": "FO",
  "Faeroe Islands": "FO",
  Reunion: "RE",
  "Wallis and Futuna Islands": "WF",
  Gambia: "GM",
  Bahamas: "BS",
  "Commonwealth of the Bahamas": "BS",
  "Republic of Ireland": "IE",
  Eire: "IE",
  "Irish Republic": "IE",
  "Russian Federation": "RU",
  "Sultanate of Oman": "OM",
  "State of Qatar": "QA",
  "Kingdom of Bahrain": "BH",
  Kazakstan: "KZ",
  "Timor Leste": "TL",
  Curacao: "CW",
  "Sint Maarten": "SX",
  "Saint Martin": "MF",
  "Saint Barthelemy": "BL",
  "St Barts": "BL",
  "US Virgin Islands": "VI",
  "U.S. Virgin Islands": "VI",
  "British Virgin Islands": "VG",
  "Aotearoa": "NZ",
  "Aotearoa New Zealand": "NZ",
  "New Zealand Aotearoa": "NZ",
  "Kosova": "XK",
  "Republic of Kosovo": "XK",
  // Names in the country's own language(s), written in Latin script
  Deutschland: "DE",
  "Bundesrepublik Deutschland": "DE",
  "España": "ES",
  "México": "MX",
  Brasil: "BR",
  Italia: "IT",
  "Österreich": "AT",
  Schweiz: "CH",
  Suisse: "CH",
  Svizzera: "CH",
  Nederland: "NL",
  "België": "BE",
  Belgique: "BE",
  Sverige: "SE",
  Norge: "NO",
  Danmark: "DK",
  Suomi: "FI",
  "Ísland": "IS",
  Polska: "PL",
  "Česko": "CZ",
  "Česká republika": "CZ",
  Slovensko: "SK",
  Slovenija: "SI",
  Hrvatska: "HR",
  Srbija: "RS",
  "Magyarország": "HU",
  "România": "RO",
  Hellas: "GR",
  Ellada: "GR",
  Ellas: "GR",
  Lietuva: "LT",
  Latvija: "LV",
  Eesti: "EE",
  Rossiya: "RU",
  Ukraina: "UA",
  "Türkiye": "TR",
  Turkiye: "TR",
  Turkey: "TR",
  Nippon: "JP",
  Nihon: "JP",
  Zhongguo: "CN",
  Bharat: "IN",
  "Perú": "PE",
  "Panamá": "PA",
  "Haïti": "HT",
  Filipinas: "PH",
  "Pilipinas": "PH",
};

/**
 * Preferred English display names, where the first `i18n-iso-countries` name is a long official
 * form ("People's Republic of China") or an inverted one ("Micronesia, Federated States of").
 */
export const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  BN: "Brunei",
  BO: "Bolivia",
  CN: "China",
  FK: "Falkland Islands",
  FM: "Micronesia",
  GB: "United Kingdom",
  GM: "Gambia",
  IR: "Iran",
  KP: "North Korea",
  KR: "South Korea",
  LA: "Laos",
  MD: "Moldova",
  MK: "North Macedonia",
  NL: "Netherlands",
  PN: "Pitcairn Islands",
  PS: "Palestine",
  RU: "Russia",
  SY: "Syria",
  TR: "Türkiye",
  TW: "Taiwan",
  TZ: "Tanzania",
  US: "United States",
  VA: "Vatican City",
  VG: "British Virgin Islands",
  VI: "US Virgin Islands",
};

/**
 * Two-letter values that are assigned ISO alpha-2 codes but that people also write for a US state
 * or a Canadian province or territory (their postal abbreviations), and "SA" (South Africa, South
 * Australia, Saudi Arabia). A bare one is ambiguous, so it is not accepted as a code: the value is
 * rejected with both readings as suggestions. The rule that produced the list: every USPS state
 * and DC abbreviation, and every Canada Post province/territory abbreviation, that is also an
 * assigned ISO code for a different place. (AS, GU, MP, PR, UM and VI are both USPS and ISO codes
 * for the same territory, so they stay accepted.)
 */
export const AMBIGUOUS_CODES: Readonly<Record<string, string>> = {
  AL: "US", // Alabama / Albania
  AR: "US", // Arkansas / Argentina
  AZ: "US", // Arizona / Azerbaijan
  CA: "US", // California / Canada
  CO: "US", // Colorado / Colombia
  DE: "US", // Delaware / Germany
  GA: "US", // Georgia / Gabon
  ID: "US", // Idaho / Indonesia
  IL: "US", // Illinois / Israel
  IN: "US", // Indiana / India
  KY: "US", // Kentucky / Cayman Islands
  LA: "US", // Louisiana / Laos
  MA: "US", // Massachusetts / Morocco
  MD: "US", // Maryland / Moldova
  ME: "US", // Maine / Montenegro
  MN: "US", // Minnesota / Mongolia
  MO: "US", // Missouri / Macao
  MS: "US", // Mississippi / Montserrat
  MT: "US", // Montana / Malta
  NC: "US", // North Carolina / New Caledonia
  NE: "US", // Nebraska / Niger
  PA: "US", // Pennsylvania / Panama
  SC: "US", // South Carolina / Seychelles
  SD: "US", // South Dakota / Sudan
  TN: "US", // Tennessee / Tunisia
  VA: "US", // Virginia / Vatican City
  NL: "CA", // Newfoundland and Labrador / Netherlands
  NU: "CA", // Nunavut / Niue
  PE: "CA", // Prince Edward Island / Peru
  SK: "CA", // Saskatchewan / Slovakia
  YT: "CA", // Yukon / Mayotte
  SA: "AU", // South Australia (also South Africa) / Saudi Arabia
};

/**
 * Two-letter values that are assigned ISO alpha-2 codes but that, written alone in a country
 * column, more often mean something else, so they are not accepted as codes either: the value is
 * refused, with the ISO reading (and the other reading, when it is a country) as suggestions.
 * "NA" is how people write "n/a" ("N/A" folds to it too); "NO" is the answer "no". "IS" and "UA"
 * are "US" mistyped, a neighbouring key: in the Ask a Manager 2021 survey both came with a US state
 * and US dollars (test/fixtures/countries). Code -> the other reading's country, or null.
 */
export const MISREAD_CODES: Readonly<Record<string, string | null>> = {
  NA: null, // Namibia / "n/a"
  NO: null, // Norway / "no"
  IS: "US", // Iceland / "US" mistyped
  UA: "US", // Ukraine / "US" mistyped
};

/**
 * Places below country level that people write in a country column, with the country they are in.
 * They never resolve on their own ("Virginia" is not a country); the country is offered as the
 * suggestion, and "<place> <country>" ("Virginia USA") resolves. Names and postal abbreviations
 * of the US states, DC, the Canadian provinces and territories, and the Australian states and
 * territories, plus a few cities commonly written alone.
 */
export const SUBDIVISIONS: Readonly<Record<string, readonly string[]>> = {
  US: [
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
    "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
    "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi",
    "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico",
    "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania",
    "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont",
    "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
    "District of Columbia", "DC", "Washington DC", "Washington D.C.",
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY",
    "Mass", "Calif", "Penn", "Wash", "New York City", "NYC", "New England", "Los Angeles", "Chicago", "Boston",
  ],
  CA: [
    "Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland", "Newfoundland and Labrador",
    "Nova Scotia", "Ontario", "Prince Edward Island", "Quebec", "Québec", "Saskatchewan",
    "Northwest Territories", "Nunavut", "Yukon",
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "PEI", "QC", "SK", "YT",
    "Toronto", "Montreal", "Vancouver",
  ],
  AU: [
    "New South Wales", "Victoria", "Queensland", "South Australia", "Western Australia", "Tasmania",
    "Northern Territory", "Australian Capital Territory",
    "NSW", "VIC", "QLD", "SA", "WA", "TAS", "NT", "ACT",
    "Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide", "Canberra", "Hobart",
  ],
};

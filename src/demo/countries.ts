/**
 * The countries the demo draws participants from, in "outreach order": the program reached the
 * first 20 in the 2013 pilot, the first 40 by round 2013B, and so on (see `rounds.ts`). Names are
 * common English names that `i18n-iso-countries` resolves; `weight` is a relative share of
 * applicants (the US and Australia largest, as in the real program), `names` the name group used
 * for people, `language` the main working language besides English and `english` the share of
 * applicants from there who can work in English.
 */

/** Name groups of `names.ts`. */
export type NameGroup =
  | "anglo" | "hispanic" | "lusophone" | "francophone" | "germanic" | "slavic" | "mediterranean"
  | "arabic" | "eastasian" | "southasian" | "seasian" | "african" | "pacific";

/** One demo country. */
export interface DemoCountry {
  code: string;
  name: string;
  weight: number;
  names: NameGroup;
  language: string;
  english: number;
}

type Row = [string, string, number, NameGroup, string, number];

const ROWS: Row[] = [
  // pilot (20)
  ["AU", "Australia", 17, "anglo", "English", 1],
  ["US", "United States", 24, "anglo", "English", 1],
  ["GB", "United Kingdom", 7, "anglo", "English", 1],
  ["NZ", "New Zealand", 3, "anglo", "English", 1],
  ["CA", "Canada", 4, "anglo", "French", 0.97],
  ["ZA", "South Africa", 3, "african", "English", 1],
  ["IN", "India", 4, "southasian", "Hindi", 0.97],
  ["NG", "Nigeria", 3, "african", "English", 1],
  ["PH", "Philippines", 2.5, "seasian", "English", 1],
  ["SG", "Singapore", 1.5, "seasian", "Chinese", 0.98],
  ["MY", "Malaysia", 1.5, "seasian", "Malay", 0.95],
  ["IE", "Ireland", 1.2, "anglo", "English", 1],
  ["KE", "Kenya", 1.5, "african", "Swahili", 0.97],
  ["NL", "Netherlands", 1, "germanic", "Dutch", 0.95],
  ["DE", "Germany", 1, "germanic", "German", 0.85],
  ["JP", "Japan", 0.8, "eastasian", "Japanese", 0.65],
  ["BR", "Brazil", 0.9, "lusophone", "Portuguese", 0.6],
  ["MX", "Mexico", 0.8, "hispanic", "Spanish", 0.65],
  ["ES", "Spain", 0.8, "hispanic", "Spanish", 0.75],
  ["GH", "Ghana", 1, "african", "English", 1],
  // by 2013B (40)
  ["FR", "France", 0.8, "francophone", "French", 0.7],
  ["IT", "Italy", 0.7, "mediterranean", "Italian", 0.75],
  ["SE", "Sweden", 0.6, "germanic", "Swedish", 0.97],
  ["NO", "Norway", 0.5, "germanic", "Norwegian", 0.97],
  ["DK", "Denmark", 0.5, "germanic", "Danish", 0.97],
  ["FI", "Finland", 0.5, "germanic", "Finnish", 0.95],
  ["CN", "China", 0.8, "eastasian", "Chinese", 0.6],
  ["HK", "Hong Kong", 0.6, "eastasian", "Chinese", 0.95],
  ["KR", "South Korea", 0.6, "eastasian", "Korean", 0.7],
  ["ID", "Indonesia", 0.8, "seasian", "Indonesian", 0.75],
  ["TH", "Thailand", 0.5, "seasian", "Thai", 0.7],
  ["VN", "Vietnam", 0.5, "eastasian", "Vietnamese", 0.7],
  ["PK", "Pakistan", 0.8, "southasian", "Urdu", 0.95],
  ["BD", "Bangladesh", 0.6, "southasian", "Bengali", 0.92],
  ["LK", "Sri Lanka", 0.6, "southasian", "Sinhala", 0.95],
  ["UG", "Uganda", 0.7, "african", "English", 1],
  ["TZ", "Tanzania", 0.5, "african", "Swahili", 0.95],
  ["ZW", "Zimbabwe", 0.6, "african", "English", 1],
  ["AR", "Argentina", 0.6, "hispanic", "Spanish", 0.65],
  ["CL", "Chile", 0.5, "hispanic", "Spanish", 0.65],
  // by 2014A (80)
  ["CO", "Colombia", 0.5, "hispanic", "Spanish", 0.6],
  ["PE", "Peru", 0.4, "hispanic", "Spanish", 0.6],
  ["EC", "Ecuador", 0.3, "hispanic", "Spanish", 0.6],
  ["VE", "Venezuela", 0.3, "hispanic", "Spanish", 0.6],
  ["UY", "Uruguay", 0.3, "hispanic", "Spanish", 0.65],
  ["PT", "Portugal", 0.4, "lusophone", "Portuguese", 0.8],
  ["BE", "Belgium", 0.4, "francophone", "French", 0.9],
  ["CH", "Switzerland", 0.4, "germanic", "German", 0.9],
  ["AT", "Austria", 0.3, "germanic", "German", 0.9],
  ["PL", "Poland", 0.4, "slavic", "Polish", 0.85],
  ["CZ", "Czech Republic", 0.3, "slavic", "Czech", 0.8],
  ["HU", "Hungary", 0.3, "slavic", "Hungarian", 0.8],
  ["RO", "Romania", 0.3, "slavic", "Romanian", 0.8],
  ["GR", "Greece", 0.3, "mediterranean", "Greek", 0.85],
  ["TR", "Turkey", 0.4, "mediterranean", "Turkish", 0.75],
  ["IL", "Israel", 0.3, "mediterranean", "Hebrew", 0.95],
  ["EG", "Egypt", 0.4, "arabic", "Arabic", 0.8],
  ["MA", "Morocco", 0.3, "arabic", "Arabic", 0.6],
  ["TN", "Tunisia", 0.2, "arabic", "Arabic", 0.6],
  ["AE", "United Arab Emirates", 0.4, "arabic", "Arabic", 0.95],
  ["SA", "Saudi Arabia", 0.3, "arabic", "Arabic", 0.85],
  ["QA", "Qatar", 0.3, "arabic", "Arabic", 0.95],
  ["JO", "Jordan", 0.2, "arabic", "Arabic", 0.85],
  ["LB", "Lebanon", 0.2, "arabic", "Arabic", 0.85],
  ["IR", "Iran", 0.3, "arabic", "Persian", 0.7],
  ["NP", "Nepal", 0.4, "southasian", "Nepali", 0.9],
  ["TW", "Taiwan", 0.3, "eastasian", "Chinese", 0.75],
  ["KZ", "Kazakhstan", 0.2, "slavic", "Russian", 0.6],
  ["RU", "Russia", 0.3, "slavic", "Russian", 0.6],
  ["UA", "Ukraine", 0.3, "slavic", "Ukrainian", 0.7],
  ["EE", "Estonia", 0.2, "slavic", "Estonian", 0.9],
  ["LV", "Latvia", 0.2, "slavic", "Latvian", 0.85],
  ["LT", "Lithuania", 0.2, "slavic", "Lithuanian", 0.85],
  ["HR", "Croatia", 0.2, "slavic", "Croatian", 0.85],
  ["RS", "Serbia", 0.2, "slavic", "Serbian", 0.8],
  ["SI", "Slovenia", 0.2, "slavic", "Slovenian", 0.9],
  ["SK", "Slovakia", 0.2, "slavic", "Slovak", 0.8],
  ["BG", "Bulgaria", 0.2, "slavic", "Bulgarian", 0.8],
  ["CR", "Costa Rica", 0.2, "hispanic", "Spanish", 0.7],
  ["JM", "Jamaica", 0.3, "anglo", "English", 1],
  // by 2014B (105)
  ["TT", "Trinidad and Tobago", 0.3, "anglo", "English", 1],
  ["BB", "Barbados", 0.15, "anglo", "English", 1],
  ["BS", "Bahamas", 0.15, "anglo", "English", 1],
  ["CU", "Cuba", 0.15, "hispanic", "Spanish", 0.5],
  ["DO", "Dominican Republic", 0.15, "hispanic", "Spanish", 0.6],
  ["PR", "Puerto Rico", 0.2, "hispanic", "Spanish", 0.9],
  ["GT", "Guatemala", 0.15, "hispanic", "Spanish", 0.6],
  ["PA", "Panama", 0.15, "hispanic", "Spanish", 0.65],
  ["BO", "Bolivia", 0.15, "hispanic", "Spanish", 0.55],
  ["PY", "Paraguay", 0.1, "hispanic", "Spanish", 0.55],
  ["ET", "Ethiopia", 0.3, "african", "Amharic", 0.9],
  ["RW", "Rwanda", 0.2, "african", "French", 0.9],
  ["ZM", "Zambia", 0.25, "african", "English", 1],
  ["MW", "Malawi", 0.2, "african", "English", 1],
  ["BW", "Botswana", 0.2, "african", "English", 1],
  ["NA", "Namibia", 0.2, "african", "English", 1],
  ["CM", "Cameroon", 0.2, "francophone", "French", 0.7],
  ["SN", "Senegal", 0.15, "francophone", "French", 0.5],
  ["CI", "Côte d'Ivoire", 0.15, "francophone", "French", 0.5],
  ["MU", "Mauritius", 0.15, "francophone", "French", 0.9],
  ["FJ", "Fiji", 0.2, "pacific", "English", 1],
  ["PG", "Papua New Guinea", 0.15, "pacific", "English", 1],
  ["WS", "Samoa", 0.1, "pacific", "English", 1],
  ["MN", "Mongolia", 0.15, "eastasian", "Mongolian", 0.7],
  ["MM", "Myanmar", 0.15, "seasian", "Burmese", 0.7],
  // by 2015A (115)
  ["KH", "Cambodia", 0.15, "seasian", "Khmer", 0.7],
  ["MV", "Maldives", 0.1, "southasian", "Dhivehi", 0.95],
  ["BT", "Bhutan", 0.1, "southasian", "Dzongkha", 0.95],
  ["AF", "Afghanistan", 0.1, "arabic", "Persian", 0.7],
  ["IQ", "Iraq", 0.15, "arabic", "Arabic", 0.7],
  ["KW", "Kuwait", 0.15, "arabic", "Arabic", 0.9],
  ["OM", "Oman", 0.15, "arabic", "Arabic", 0.9],
  ["BH", "Bahrain", 0.1, "arabic", "Arabic", 0.9],
  ["CY", "Cyprus", 0.1, "mediterranean", "Greek", 0.95],
  ["IS", "Iceland", 0.1, "germanic", "Icelandic", 0.97],
  // by 2015B (122)
  ["LU", "Luxembourg", 0.1, "germanic", "French", 0.95],
  ["MT", "Malta", 0.1, "mediterranean", "Maltese", 1],
  ["GE", "Georgia", 0.1, "slavic", "Georgian", 0.7],
  ["AM", "Armenia", 0.1, "slavic", "Armenian", 0.7],
  ["AZ", "Azerbaijan", 0.1, "slavic", "Azerbaijani", 0.6],
  ["BY", "Belarus", 0.1, "slavic", "Russian", 0.6],
  ["SD", "Sudan", 0.1, "arabic", "Arabic", 0.7],
  // by 2016A (128)
  ["LR", "Liberia", 0.1, "african", "English", 1],
  ["SL", "Sierra Leone", 0.1, "african", "English", 1],
  ["GM", "Gambia", 0.1, "african", "English", 1],
  ["BJ", "Benin", 0.1, "francophone", "French", 0.5],
  ["TG", "Togo", 0.1, "francophone", "French", 0.5],
  ["SZ", "Eswatini", 0.1, "african", "English", 1],
  // by 2016B (138)
  ["MG", "Madagascar", 0.1, "francophone", "French", 0.5],
  ["MZ", "Mozambique", 0.1, "lusophone", "Portuguese", 0.6],
  ["LS", "Lesotho", 0.1, "african", "English", 1],
  ["BF", "Burkina Faso", 0.1, "francophone", "French", 0.5],
  ["ML", "Mali", 0.1, "francophone", "French", 0.5],
  ["NE", "Niger", 0.1, "francophone", "French", 0.5],
  ["HT", "Haiti", 0.1, "francophone", "French", 0.5],
  ["HN", "Honduras", 0.1, "hispanic", "Spanish", 0.6],
  ["SV", "El Salvador", 0.1, "hispanic", "Spanish", 0.6],
  ["NI", "Nicaragua", 0.1, "hispanic", "Spanish", 0.6],
  // reserve, used by long synthetic histories
  ["GY", "Guyana", 0.1, "anglo", "English", 1],
  ["SR", "Suriname", 0.1, "germanic", "Dutch", 0.8],
  ["BZ", "Belize", 0.1, "anglo", "English", 1],
  ["TO", "Tonga", 0.1, "pacific", "English", 1],
  ["VU", "Vanuatu", 0.1, "pacific", "English", 0.9],
  ["AL", "Albania", 0.1, "mediterranean", "Albanian", 0.7],
  ["MK", "North Macedonia", 0.1, "slavic", "Macedonian", 0.75],
  ["BA", "Bosnia and Herzegovina", 0.1, "slavic", "Bosnian", 0.75],
  ["UZ", "Uzbekistan", 0.1, "slavic", "Uzbek", 0.6],
  ["DZ", "Algeria", 0.1, "arabic", "Arabic", 0.5],
];

/** All demo countries, in outreach order. */
export const DEMO_COUNTRIES: readonly DemoCountry[] = Object.freeze(
  ROWS.map(([code, name, weight, names, language, english]) => Object.freeze({ code, name, weight, names, language, english })),
);

const BY_CODE = new Map(DEMO_COUNTRIES.map((c) => [c.code, c]));

/**
 * The demo country with this alpha-2 code.
 * @throws {Error} when the code is not a demo country.
 */
export function demoCountry(code: string): DemoCountry {
  const c = BY_CODE.get(code);
  if (!c) throw new Error(`Not a demo country: ${JSON.stringify(code)}`);
  return c;
}

/**
 * Spellings people type for some countries, with their shares (the rest of the world types the
 * `name` of the table). Only these variants occur, as the ingest's country normaliser is tested on them.
 */
export const COUNTRY_VARIANTS: Readonly<Record<string, readonly [string, number][]>> = Object.freeze({
  US: [["United States", 0.45], ["USA", 0.33], ["U.S.A.", 0.1], ["united states ", 0.12]],
  GB: [["United Kingdom", 0.5], ["UK", 0.3], ["England", 0.15], ["Scotland", 0.05]],
  NL: [["Netherlands", 0.6], ["The Netherlands", 0.3], ["Holland", 0.1]],
  KR: [["South Korea", 0.7], ["Republic of Korea", 0.3]],
  CI: [["Côte d'Ivoire", 0.6], ["Ivory Coast", 0.4]],
  AU: [["Australia", 0.93], ["australia", 0.07]],
});

/**
 * A representative UTC offset (hours, standard time, no daylight saving) for every ISO 3166-1
 * alpha-2 code that `i18n-iso-countries` v7 knows (249 assigned codes plus XK, Kosovo).
 *
 * Data, not code: generated once from the IANA tz database (`zone.tab` and Python's `zoneinfo`,
 * offsets as in January 2016 minus any daylight-saving shift), taking for countries that span
 * several zones the zone of the capital or the largest population (US: New York, CA: Toronto,
 * AU: Sydney, BR: Sao Paulo, RU: Moscow, MX: Mexico City, ID: Jakarta, KZ: Almaty, ...). Ireland
 * is set to 0 (tzdata models Irish winter time as a negative DST). AQ, which has no civil time, is 0.
 * The comment on each line names the tz zone used. No Node imports: this runs in the browser.
 */
export const UTC_OFFSET_HOURS: Readonly<Record<string, number>> = Object.freeze({
  AF: 4.5, // Asia/Kabul
  AL: 1, // Europe/Tirane
  DZ: 1, // Africa/Algiers
  AS: -11, // Pacific/Pago_Pago
  AD: 1, // Europe/Andorra
  AO: 1, // Africa/Luanda
  AI: -4, // America/Anguilla
  AQ: 0, // UTC
  AG: -4, // America/Antigua
  AR: -3, // America/Argentina/Buenos_Aires
  AM: 4, // Asia/Yerevan
  AW: -4, // America/Aruba
  AU: 10, // Australia/Sydney
  AT: 1, // Europe/Vienna
  AZ: 4, // Asia/Baku
  BS: -5, // America/Nassau
  BH: 3, // Asia/Bahrain
  BD: 6, // Asia/Dhaka
  BB: -4, // America/Barbados
  BY: 3, // Europe/Minsk
  BE: 1, // Europe/Brussels
  BZ: -6, // America/Belize
  BJ: 1, // Africa/Porto-Novo
  BM: -4, // Atlantic/Bermuda
  BT: 6, // Asia/Thimphu
  BO: -4, // America/La_Paz
  BA: 1, // Europe/Sarajevo
  BW: 2, // Africa/Gaborone
  BV: 1, // Europe/Oslo
  BR: -3, // America/Sao_Paulo
  IO: 6, // Indian/Chagos
  BN: 8, // Asia/Brunei
  BG: 2, // Europe/Sofia
  BF: 0, // Africa/Ouagadougou
  BI: 2, // Africa/Bujumbura
  KH: 7, // Asia/Phnom_Penh
  CM: 1, // Africa/Douala
  CA: -5, // America/Toronto
  CV: -1, // Atlantic/Cape_Verde
  KY: -5, // America/Cayman
  CF: 1, // Africa/Bangui
  TD: 1, // Africa/Ndjamena
  CL: -4, // America/Santiago
  CN: 8, // Asia/Shanghai
  CX: 7, // Indian/Christmas
  CC: 6.5, // Indian/Cocos
  CO: -5, // America/Bogota
  KM: 3, // Indian/Comoro
  CG: 1, // Africa/Brazzaville
  CD: 1, // Africa/Kinshasa
  CK: -10, // Pacific/Rarotonga
  CR: -6, // America/Costa_Rica
  CI: 0, // Africa/Abidjan
  HR: 1, // Europe/Zagreb
  CU: -5, // America/Havana
  CY: 2, // Asia/Nicosia
  CZ: 1, // Europe/Prague
  DK: 1, // Europe/Copenhagen
  DJ: 3, // Africa/Djibouti
  DM: -4, // America/Dominica
  DO: -4, // America/Santo_Domingo
  EC: -5, // America/Guayaquil
  EG: 2, // Africa/Cairo
  SV: -6, // America/El_Salvador
  GQ: 1, // Africa/Malabo
  ER: 3, // Africa/Asmara
  EE: 2, // Europe/Tallinn
  ET: 3, // Africa/Addis_Ababa
  FK: -3, // Atlantic/Stanley
  FO: 0, // Atlantic/Faroe
  FJ: 12, // Pacific/Fiji
  FI: 2, // Europe/Helsinki
  FR: 1, // Europe/Paris
  GF: -3, // America/Cayenne
  PF: -10, // Pacific/Tahiti
  TF: 5, // Indian/Kerguelen
  GA: 1, // Africa/Libreville
  GM: 0, // Africa/Banjul
  GE: 4, // Asia/Tbilisi
  DE: 1, // Europe/Berlin
  GH: 0, // Africa/Accra
  GI: 1, // Europe/Gibraltar
  GR: 2, // Europe/Athens
  GL: -3, // America/Nuuk
  GD: -4, // America/Grenada
  GP: -4, // America/Guadeloupe
  GU: 10, // Pacific/Guam
  GT: -6, // America/Guatemala
  GN: 0, // Africa/Conakry
  GW: 0, // Africa/Bissau
  GY: -4, // America/Guyana
  HT: -5, // America/Port-au-Prince
  HM: 5, // Indian/Kerguelen
  VA: 1, // Europe/Vatican
  HN: -6, // America/Tegucigalpa
  HK: 8, // Asia/Hong_Kong
  HU: 1, // Europe/Budapest
  IS: 0, // Atlantic/Reykjavik
  IN: 5.5, // Asia/Kolkata
  ID: 7, // Asia/Jakarta
  IR: 3.5, // Asia/Tehran
  IQ: 3, // Asia/Baghdad
  IE: 0, // Europe/Dublin
  IL: 2, // Asia/Jerusalem
  IT: 1, // Europe/Rome
  JM: -5, // America/Jamaica
  JP: 9, // Asia/Tokyo
  JO: 2, // Asia/Amman
  KZ: 6, // Asia/Almaty
  KE: 3, // Africa/Nairobi
  KI: 12, // Pacific/Tarawa
  KP: 8.5, // Asia/Pyongyang
  KR: 9, // Asia/Seoul
  KW: 3, // Asia/Kuwait
  KG: 6, // Asia/Bishkek
  LA: 7, // Asia/Vientiane
  LV: 2, // Europe/Riga
  LB: 2, // Asia/Beirut
  LS: 2, // Africa/Maseru
  LR: 0, // Africa/Monrovia
  LY: 2, // Africa/Tripoli
  LI: 1, // Europe/Vaduz
  LT: 2, // Europe/Vilnius
  LU: 1, // Europe/Luxembourg
  MO: 8, // Asia/Macau
  MG: 3, // Indian/Antananarivo
  MW: 2, // Africa/Blantyre
  MY: 8, // Asia/Kuala_Lumpur
  MV: 5, // Indian/Maldives
  ML: 0, // Africa/Bamako
  MT: 1, // Europe/Malta
  MH: 12, // Pacific/Majuro
  MQ: -4, // America/Martinique
  MR: 0, // Africa/Nouakchott
  MU: 4, // Indian/Mauritius
  YT: 3, // Indian/Mayotte
  MX: -6, // America/Mexico_City
  FM: 11, // Pacific/Pohnpei
  MD: 2, // Europe/Chisinau
  MC: 1, // Europe/Monaco
  MN: 8, // Asia/Ulaanbaatar
  MS: -4, // America/Montserrat
  MA: 0, // Africa/Casablanca
  MZ: 2, // Africa/Maputo
  MM: 6.5, // Asia/Yangon
  NA: 2, // Africa/Windhoek
  NR: 12, // Pacific/Nauru
  NP: 5.75, // Asia/Kathmandu
  NL: 1, // Europe/Amsterdam
  NC: 11, // Pacific/Noumea
  NZ: 12, // Pacific/Auckland
  NI: -6, // America/Managua
  NE: 1, // Africa/Niamey
  NG: 1, // Africa/Lagos
  NU: -11, // Pacific/Niue
  NF: 11, // Pacific/Norfolk
  MP: 10, // Pacific/Saipan
  MK: 1, // Europe/Skopje
  NO: 1, // Europe/Oslo
  OM: 4, // Asia/Muscat
  PK: 5, // Asia/Karachi
  PW: 9, // Pacific/Palau
  PS: 2, // Asia/Gaza
  PA: -5, // America/Panama
  PG: 10, // Pacific/Port_Moresby
  PY: -4, // America/Asuncion
  PE: -5, // America/Lima
  PH: 8, // Asia/Manila
  PN: -8, // Pacific/Pitcairn
  PL: 1, // Europe/Warsaw
  PT: 0, // Europe/Lisbon
  PR: -4, // America/Puerto_Rico
  QA: 3, // Asia/Qatar
  RE: 4, // Indian/Reunion
  RO: 2, // Europe/Bucharest
  RU: 3, // Europe/Moscow
  RW: 2, // Africa/Kigali
  SH: 0, // Atlantic/St_Helena
  KN: -4, // America/St_Kitts
  LC: -4, // America/St_Lucia
  PM: -3, // America/Miquelon
  VC: -4, // America/St_Vincent
  WS: 13, // Pacific/Apia
  SM: 1, // Europe/San_Marino
  ST: 0, // Africa/Sao_Tome
  SA: 3, // Asia/Riyadh
  SN: 0, // Africa/Dakar
  SC: 4, // Indian/Mahe
  SL: 0, // Africa/Freetown
  SG: 8, // Asia/Singapore
  SK: 1, // Europe/Bratislava
  SI: 1, // Europe/Ljubljana
  SB: 11, // Pacific/Guadalcanal
  SO: 3, // Africa/Mogadishu
  ZA: 2, // Africa/Johannesburg
  GS: -2, // Atlantic/South_Georgia
  ES: 1, // Europe/Madrid
  LK: 5.5, // Asia/Colombo
  SD: 3, // Africa/Khartoum
  SR: -3, // America/Paramaribo
  SJ: 1, // Arctic/Longyearbyen
  SZ: 2, // Africa/Mbabane
  SE: 1, // Europe/Stockholm
  CH: 1, // Europe/Zurich
  SY: 2, // Asia/Damascus
  TW: 8, // Asia/Taipei
  TJ: 5, // Asia/Dushanbe
  TZ: 3, // Africa/Dar_es_Salaam
  TH: 7, // Asia/Bangkok
  TL: 9, // Asia/Dili
  TG: 0, // Africa/Lome
  TK: 13, // Pacific/Fakaofo
  TO: 13, // Pacific/Tongatapu
  TT: -4, // America/Port_of_Spain
  TN: 1, // Africa/Tunis
  TR: 2, // Europe/Istanbul
  TM: 5, // Asia/Ashgabat
  TC: -4, // America/Grand_Turk
  TV: 12, // Pacific/Funafuti
  UG: 3, // Africa/Kampala
  UA: 2, // Europe/Kyiv
  AE: 4, // Asia/Dubai
  GB: 0, // Europe/London
  US: -5, // America/New_York
  UM: 12, // Pacific/Wake
  UY: -3, // America/Montevideo
  UZ: 5, // Asia/Tashkent
  VU: 11, // Pacific/Efate
  VE: -4.5, // America/Caracas
  VN: 7, // Asia/Ho_Chi_Minh
  VG: -4, // America/Tortola
  VI: -4, // America/St_Thomas
  WF: 12, // Pacific/Wallis
  EH: 0, // Africa/El_Aaiun
  YE: 3, // Asia/Aden
  ZM: 2, // Africa/Lusaka
  ZW: 2, // Africa/Harare
  AX: 2, // Europe/Mariehamn
  BQ: -4, // America/Kralendijk
  CW: -4, // America/Curacao
  GG: 0, // Europe/Guernsey
  IM: 0, // Europe/Isle_of_Man
  JE: 0, // Europe/Jersey
  ME: 1, // Europe/Podgorica
  BL: -4, // America/St_Barthelemy
  MF: -4, // America/Marigot
  RS: 1, // Europe/Belgrade
  SX: -4, // America/Lower_Princes
  SS: 3, // Africa/Juba
  XK: 1, // Europe/Belgrade
});

/**
 * The representative UTC offset of a country, in hours (may be fractional: IN 5.5, NP 5.75).
 * @param code ISO 3166-1 alpha-2 code, upper case (e.g. "AU").
 * @throws {Error} when the code is not in the table.
 * @example utcOffset("AU") // 10
 */
export function utcOffset(code: string): number {
  const v = UTC_OFFSET_HOURS[code];
  if (v === undefined) throw new Error(`No UTC offset known for country code ${JSON.stringify(code)}`);
  return v;
}

/**
 * Circular distance between two UTC offsets, in hours, 0..12: the smaller of |a - b| and
 * 24 - |a - b| (after reducing |a - b| modulo 24), so +13 and -11 are 0 hours apart.
 * @example offsetGap(10, -5) // 9 (15 hours one way, 9 the other)
 */
export function offsetGap(a: number, b: number): number {
  const d = Math.abs(a - b) % 24;
  return Math.min(d, 24 - d);
}

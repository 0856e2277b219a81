/**
 * Invented first and last names by name group, for synthetic participants. Any resemblance to a
 * real person is chance; emails are built on reserved example domains (RFC 2606).
 */
import type { NameGroup } from "./countries";

/** First and last names of one name group. */
export interface NameLists {
  first: readonly string[];
  last: readonly string[];
}

const s = (text: string): readonly string[] => Object.freeze(text.split("|"));

/** The name lists of each group. */
export const NAME_LISTS: Readonly<Record<NameGroup, NameLists>> = Object.freeze({
  anglo: {
    first: s("James|Sarah|Emma|Michael|Jessica|David|Laura|Daniel|Rachel|Thomas|Hannah|Andrew|Kate|Chris|Megan|Liam|Olivia|Sophie|Ben|Amy|Grace|Nathan|Chloe|Ryan"),
    last: s("Smith|Jones|Brown|Taylor|Wilson|Johnson|Williams|Martin|Thompson|White|Walker|Harris|Clarke|Lewis|Robinson|Hughes|Kelly|Murphy|Campbell|Stewart|O'Brien|Baker|Young|Wright"),
  },
  hispanic: {
    first: s("María|José|Lucía|Carlos|Ana|Javier|Sofía|Diego|Camila|Alejandro|Valentina|Luis|Paula|Andrés|Isabel|Mateo|Carmen|Pablo|Elena|Juan"),
    last: s("García|Rodríguez|Martínez|López|González|Hernández|Pérez|Sánchez|Ramírez|Torres|Flores|Rivera|Gómez|Díaz|Morales|Vargas|Castro|Ortiz|Ruiz|Romero"),
  },
  lusophone: {
    first: s("João|Maria|Ana|Pedro|Beatriz|Lucas|Mariana|Rafael|Juliana|Tiago|Fernanda|Gabriel|Larissa|Bruno|Camila"),
    last: s("Silva|Santos|Oliveira|Souza|Pereira|Costa|Rodrigues|Almeida|Nascimento|Lima|Carvalho|Ferreira|Ribeiro|Gomes|Martins"),
  },
  francophone: {
    first: s("Marie|Jean|Camille|Louis|Léa|Pierre|Chloé|Antoine|Manon|Julien|Inès|Hugo|Aïcha|Moussa|Fatou|Koffi|Awa|Mamadou"),
    last: s("Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Diallo|Traoré|Koné|Ndiaye|Kouassi|Diop"),
  },
  germanic: {
    first: s("Anna|Lukas|Lena|Jan|Sophie|Felix|Emma|Lars|Ingrid|Sven|Anke|Pieter|Femke|Johan|Kristin|Mikko|Aino|Freja"),
    last: s("Müller|Schmidt|Schneider|Fischer|Weber|de Jong|Jansen|Bakker|Visser|Hansen|Johansson|Nielsen|Andersen|Larsen|Virtanen|Korhonen|Berg"),
  },
  slavic: {
    first: s("Anna|Ivan|Olga|Piotr|Katarzyna|Tomasz|Natalia|Dmitri|Jana|Marek|Elena|Andrei|Ivana|Luka|Milena|Aigerim"),
    last: s("Nowak|Kowalski|Ivanova|Petrov|Novák|Horváth|Popescu|Kovačević|Jovanović|Smirnova|Wiśniewska|Dvořák|Kozlov|Marković|Shevchenko|Tamm"),
  },
  mediterranean: {
    first: s("Giulia|Marco|Francesca|Luca|Chiara|Matteo|Eleni|Giorgos|Maria|Dimitris|Elif|Mehmet|Zeynep|Can|Noa|Yael"),
    last: s("Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Papadopoulos|Georgiou|Nikolaidis|Yılmaz|Kaya|Demir|Şahin|Çelik|Cohen|Levi"),
  },
  arabic: {
    first: s("Mohammed|Fatima|Ahmed|Aisha|Omar|Layla|Youssef|Mariam|Ali|Noor|Hassan|Sara|Karim|Huda|Reza|Zahra"),
    last: s("Al-Sayed|Haddad|Khalil|Nasser|Mansour|Hussein|Farouk|Saleh|Aziz|Rahman|Hosseini|Karimi|Benali|El Amrani"),
  },
  eastasian: {
    first: s("Wei|Li|Jing|Hui|Ming|Xin|Yuki|Haruto|Sakura|Kenji|Aiko|Min-jun|Ji-woo|Seo-yeon|Hye-jin|Tuan|Linh|Anh|Bat-Erdene"),
    last: s("Wang|Li|Zhang|Liu|Chen|Yang|Huang|Sato|Suzuki|Takahashi|Tanaka|Kim|Lee|Park|Choi|Nguyen|Tran|Le"),
  },
  southasian: {
    first: s("Priya|Rahul|Ananya|Arjun|Deepa|Vikram|Kavya|Sanjay|Nisha|Imran|Ayesha|Farhan|Nadia|Tharindu|Dilani|Suman"),
    last: s("Sharma|Patel|Singh|Kumar|Gupta|Reddy|Iyer|Nair|Khan|Ahmed|Hossain|Chowdhury|Perera|Fernando|Shrestha|Bhattarai"),
  },
  seasian: {
    first: s("Maria|Jose|Angelica|Mark|Nurul|Siti|Ahmad|Putri|Budi|Dewi|Somchai|Nok|Kamal|Mei Ling|Aung|Sokha"),
    last: s("Santos|Reyes|Cruz|Bautista|Abdullah|Ismail|Hassan|Wijaya|Susanto|Pratama|Saetang|Wongsa|Tan|Lim|Ng|Win"),
  },
  african: {
    first: s("Chinedu|Ngozi|Kwame|Ama|Wanjiru|Otieno|Thabo|Lerato|Tendai|Nomvula|Emeka|Adaeze|Kofi|Akosua|Amina|Baraka|Grace|Samuel"),
    last: s("Okafor|Adeyemi|Mensah|Owusu|Kamau|Odhiambo|Nkosi|Dlamini|Moyo|Banda|Mwangi|Okonkwo|Boateng|Mutua|Phiri|Ndlovu"),
  },
  pacific: {
    first: s("Sione|Mele|Tevita|Losana|Ratu|Salote|Grace|Joseph|Ana|Peni"),
    last: s("Tuilagi|Fifita|Naidu|Vainikolo|Taufa|Mataele|Kumar|Waqa"),
  },
});

/** Reserved example domains (RFC 2606 / RFC 6761) used for synthetic email addresses. */
export const EMAIL_DOMAINS: readonly string[] = Object.freeze([
  "example.org", "example.com", "example.net", "library.example", "uni.example", "mail.example",
]);

/** ASCII local-part form of a name: accents removed, lower case, spaces and apostrophes dropped. */
export function emailLocal(first: string, last: string): string {
  const fold = (x: string) =>
    x.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ı/g, "i").replace(/ş/g, "s")
      .toLowerCase().replace(/[^a-z0-9-]/g, "");
  return `${fold(first)}.${fold(last)}`;
}

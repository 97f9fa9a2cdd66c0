import { defineMessages } from "#src/shared/messages.ts";

// Texts of the public pages. Plain language: short sentences, the words companies use.
export const webMessages = defineMessages({
  sv: {
    "home.title": "Start",
    "home.heading": "Rätt stöd till ditt företag",
    "home.intro":
      "Kommunerna, regionen, Almi, science park, universitetet och inkubatorn i länet hjälper företag tillsammans. Berätta vad ni behöver, så lotsar vi er till rätt stöd och rätt person.",
    "home.searchLabel": "Sök stöd",
    "home.searchHint": "Till exempel finansiering, exjobb eller digitalisering",
    "home.searchButton": "Sök",
    "home.matchLink": "Hitta stöd för mitt företag",
    "home.tellNeeds": "Berätta om era behov",
    "home.tellNeedsHint": "Ni behöver inget konto.",
    "home.offers.heading": "Det här kan nätverket hjälpa till med",
    "home.offers.financing.title": "Finansiering",
    "home.offers.financing.body":
      "Lån, bidrag och råd om hur ni finansierar en investering eller klarar ett svårt läge.",
    "home.offers.skills.title": "Kompetens och rekrytering",
    "home.offers.skills.body": "Hjälp att hitta, behålla och utveckla de medarbetare ni behöver.",
    "home.offers.thesis.title": "Exjobb och studentuppdrag",
    "home.offers.thesis.body":
      "Studenter och forskare från universitetet tar sig an en fråga i ert företag, till exempel i ett examensarbete.",
    "home.offers.advice.title": "Rådgivning",
    "home.offers.advice.body": "Samtal med en rådgivare om affärer, omställning, tillväxt eller ägarskifte.",
    "home.offers.courses.title": "Kurser och webbutbildningar",
    "home.offers.courses.body": "Utbildningar för er och era anställda, på plats eller på webben.",
    "home.offers.innovation.title": "Innovation och nya affärer",
    "home.offers.innovation.body":
      "Stöd att utveckla nya produkter och tjänster, och program för nya och växande företag.",
    "home.actors.heading": "Vilka som står bakom",
    "home.actors.intro":
      "Tjänsten bygger på hur företagsstödet i Örebro län samarbetar. Där arbetar sju aktörer tillsammans:",
    "home.actors.municipality": "Kommunen – här Nora kommun – och dess näringslivsutveckling",
    "home.actors.region": "Region Örebro län",
    "home.actors.businessRegion": "Business Region Örebro",
    "home.actors.almi": "Almi, med lån, rådgivning och programmet Smart omställning",
    "home.actors.sciencePark": "Alfred Nobel Science Park",
    "home.actors.university": "Örebro universitet",
    "home.actors.incubator": "Inkubatorn Inkubera",
    "home.how.heading": "Så fungerar det",
    "home.how.step1.title": "Ni berättar vad ni behöver",
    "home.how.step1.body": "Här på webben, i en enkät eller på en informationsträff för företag i er kommun.",
    "home.how.step2.title": "En lots tar hand om ärendet",
    "home.how.step2.body":
      "En företagslots läser vad ni skrivit, hör av sig och tar reda på vem i nätverket som kan hjälpa er.",
    "home.how.step3.title": "Ni får rätt stöd och rätt person",
    "home.how.step3.body":
      "Lotsen hänvisar er till rätt erbjudande och följer ärendet tills det är klart. Efteråt frågar vi om det hjälpte.",
    "a11y.title": "Tillgänglighetsredogörelse",
    "a11y.intro":
      "Den organisation som driver {network} står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna använda webbplatsen. Här beskriver vi hur webbplatsen uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka brister vi känner till och hur du kan rapportera brister till oss så att vi kan åtgärda dem.",
    "a11y.how.heading": "Hur tillgänglig är webbplatsen?",
    "a11y.how.body":
      "Vi vet att delar av webbplatsen inte är helt tillgängliga än. Webbplatsen byggs just nu. Läs mer under Innehåll som inte är tillgängligt.",
    "a11y.help.heading": "Vad kan du göra om du inte kan använda delar av webbplatsen?",
    "a11y.help.body":
      "Om du behöver innehåll från webbplatsen i ett annat format, eller behöver hjälp att komma i kontakt med nätverket, kontakta den organisation som driver tjänsten.",
    "a11y.report.heading": "Rapportera brister i webbplatsens tillgänglighet",
    "a11y.report.body":
      "Vi försöker hela tiden göra webbplatsen mer tillgänglig. Om du hittar problem som inte står på den här sidan, eller om du tycker att vi inte uppfyller lagens krav, kontakta den organisation som driver tjänsten. Då får vi veta att problemet finns.",
    "a11y.supervision.heading": "Tillsyn",
    "a11y.supervision.body":
      "Myndigheten för digital förvaltning (Digg) har ansvar för tillsynen av lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du anmäla det till Digg.",
    "a11y.supervision.link": "Anmäl till Digg (digg.se)",
    "a11y.technical.heading": "Teknisk information om webbplatsens tillgänglighet",
    "a11y.technical.body":
      "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.",
    "a11y.gaps.heading": "Innehåll som inte är tillgängligt",
    "a11y.gaps.unfinished":
      "Två delar av tjänsten är inte färdiga: Berätta om era behov och Träffar. De granskas när de är klara.",
    "a11y.gaps.assistiveTech":
      "Webbplatsen har ännu inte testats av personer som använder skärmläsare, förstoring eller andra hjälpmedel.",
    "a11y.gaps.notAudited":
      "Webbplatsen har inte granskats av någon utomstående. Vi kan därför inte lova att alla krav i WCAG 2.1 nivå AA är uppfyllda.",
    "a11y.tested.heading": "Hur vi testat webbplatsen",
    "a11y.tested.body":
      "Vi har testat webbplatsen själva. Sidorna kontrolleras automatiskt med verktyget axe i webbläsaren Chromium mot WCAG 2.1 nivå A och AA, som en del av tjänstens tester. Vi har också gått igenom sidorna med bara tangentbordet.",
    "a11y.date": "Redogörelsen uppdaterades senast {date}.",
  },
  en: {
    "home.title": "Home",
    "home.heading": "The right support for your business",
    "home.intro":
      "The county's municipalities, the region, Almi, the science park, the university and the incubator help businesses together. Tell us what you need and we will guide you to the right support and the right person.",
    "home.searchLabel": "Search for support",
    "home.searchHint": "For example financing, thesis projects or digitalisation",
    "home.searchButton": "Search",
    "home.matchLink": "Find support for my company",
    "home.tellNeeds": "Tell us your needs",
    "home.tellNeedsHint": "You do not need an account.",
    "home.offers.heading": "What the network can help with",
    "home.offers.financing.title": "Financing",
    "home.offers.financing.body":
      "Loans, grants and advice on how to finance an investment or get through a difficult period.",
    "home.offers.skills.title": "Skills and recruitment",
    "home.offers.skills.body": "Help to find, keep and develop the people you need.",
    "home.offers.thesis.title": "Thesis projects and student assignments",
    "home.offers.thesis.body":
      "Students and researchers from the university take on a question in your company, for example as a degree project.",
    "home.offers.advice.title": "Advice",
    "home.offers.advice.body":
      "Talk to an adviser about business, change, growth or handing over the company.",
    "home.offers.courses.title": "Courses and web training",
    "home.offers.courses.body": "Training for you and your staff, on site or on the web.",
    "home.offers.innovation.title": "Innovation and new business",
    "home.offers.innovation.body":
      "Support to develop new products and services, and programmes for new and growing companies.",
    "home.actors.heading": "Who is behind it",
    "home.actors.intro":
      "The service is built on how business support works together in Örebro County. There, seven actors work together:",
    "home.actors.municipality": "The municipality – here Nora – and its business development team",
    "home.actors.region": "Region Örebro län (the regional authority)",
    "home.actors.businessRegion": "Business Region Örebro",
    "home.actors.almi": "Almi, with loans, advice and the programme Smart omställning",
    "home.actors.sciencePark": "Alfred Nobel Science Park",
    "home.actors.university": "Örebro University",
    "home.actors.incubator": "The incubator Inkubera",
    "home.how.heading": "How it works",
    "home.how.step1.title": "You tell us what you need",
    "home.how.step1.body":
      "Here on the web, in a survey or at an information meeting for companies in your municipality.",
    "home.how.step2.title": "A navigator takes on your case",
    "home.how.step2.body":
      "A business navigator reads what you wrote, gets in touch and finds out who in the network can help you.",
    "home.how.step3.title": "You get the right support and the right person",
    "home.how.step3.body":
      "The navigator refers you to the right offer and follows the case until it is done. Afterwards we ask whether it helped.",
    "a11y.title": "Accessibility statement",
    "a11y.intro":
      "The organisation that runs {network} is responsible for this website. We want as many people as possible to be able to use it. This page describes how the website complies with the Swedish Act (2018:1937) on accessibility to digital public services, the problems we know of, and how you can report problems to us so that we can fix them.",
    "a11y.how.heading": "How accessible is the website?",
    "a11y.how.body":
      "We know that parts of the website are not yet fully accessible. The website is being built right now. Read more under Content that is not accessible.",
    "a11y.help.heading": "What can you do if you cannot use parts of the website?",
    "a11y.help.body":
      "If you need content from the website in another format, or need help to get in touch with the network, contact the organisation that runs the service.",
    "a11y.report.heading": "Report accessibility problems",
    "a11y.report.body":
      "We keep working to make the website more accessible. If you find problems that are not described on this page, or if you think we do not meet the requirements of the law, contact the organisation that runs the service so that we know about the problem.",
    "a11y.supervision.heading": "Supervision",
    "a11y.supervision.body":
      "The Agency for Digital Government (Digg) is responsible for supervising the Act on accessibility to digital public services. If you are not satisfied with how we handle your comments, you can report it to Digg.",
    "a11y.supervision.link": "Report to Digg (digg.se, in Swedish)",
    "a11y.technical.heading": "Technical information about the website's accessibility",
    "a11y.technical.body":
      "The website is partially compliant with the Act on accessibility to digital public services, because of the problems described below.",
    "a11y.gaps.heading": "Content that is not accessible",
    "a11y.gaps.unfinished":
      "Two parts of the service are not finished: Tell us your needs and Meetings. They will be reviewed when they are ready.",
    "a11y.gaps.assistiveTech":
      "The website has not yet been tested by people who use screen readers, magnification or other assistive technology.",
    "a11y.gaps.notAudited":
      "The website has not been reviewed by an independent party, so we cannot promise that every requirement of WCAG 2.1 level AA is met.",
    "a11y.tested.heading": "How we tested the website",
    "a11y.tested.body":
      "We have tested the website ourselves. The pages are checked automatically with the axe tool in the Chromium browser against WCAG 2.1 levels A and AA, as part of the service's tests. We have also gone through the pages using only the keyboard.",
    "a11y.date": "This statement was last updated on {date}.",
  },
});

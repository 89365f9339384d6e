"""Fictional names: small embedded lists from several cultures, drawn uniquely with a seeded RNG."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from kith.names import fold

# culture: (given names, feminine; given names, masculine; family names). Spellings keep their
# accents so that the demo exercises accent-insensitive matching ("Zoë Müller", "José Núñez").
CULTURES: dict[str, tuple[str, str, str]] = {
    "english": (
        "Alice Harriet Imogen Lucy Megan Olivia Rosie Sophie Chloe Eleanor Hannah Isla",
        "Alfie Callum Edward Harry Jack Oliver Rhys Samuel Thomas George Henry Daniel",
        "Ashworth Barnes Clarke Dawson Ellis Fletcher Griffiths Hughes Jennings Kendall "
        "Lambert Marsh Norris Palmer Reid Shaw Turner Walsh Whitfield Yates",
    ),
    "german": (
        "Anja Birgit Franziska Greta Jana Katrin Lena Miriam Sabine Ute Zoë Jördis",
        "Björn Dieter Florian Jörg Jürgen Lukas Matthias Niklas Stefan Torsten Uwe Wolfgang",
        "Becker Brandt Fischer Hartmann Hoffmann Krüger Lehmann Müller Neumann Schäfer "
        "Schröder Schulz Vogel Wagner Weiß Wolff Zimmermann Köhler Bauer Günther",
    ),
    "french": (
        "Amélie Anaïs Camille Céline Chloé Élodie Hélène Léa Manon Margaux Noémie Inès",
        "Antoine Étienne Gaël Hugo Jérôme Julien Loïc Mathieu Nicolas Rémi Théo Benoît",
        "Bernard Boucher Chevalier Dubois Faure Fontaine Girard Lefèvre Leroy Mercier "
        "Moreau Perrin Renaud Rousseau Vidal Garnier Lemaître Bonnet Roux Clément",
    ),
    "iberian": (
        "Ana Beatriz Carmen Inês Lucía María Marta Nuria Raquel Sofía Teresa Joana",
        "Álvaro Andrés Diego Gonçalo Iñigo Javier José Martín Pedro Raúl Tiago Sérgio",
        "Alves Castro Costa Delgado Fernández Ferreira Gómez Herrera Iglesias López "
        "Moreno Núñez Ortega Pereira Ramos Rodrigues Sánchez Santos Vázquez Ibáñez",
    ),
    "italian": (
        "Alessia Chiara Federica Francesca Giulia Ilaria Lucrezia Martina Serena Valentina",
        "Alessandro Davide Fabio Giacomo Lorenzo Marco Matteo Niccolò Riccardo Stefano",
        "Barbieri Bianchi Colombo Conti De Luca Esposito Ferrari Galli Greco Lombardi "
        "Mancini Marino Moretti Ricci Rinaldi Romano Russo Santoro Testa Villa",
    ),
    "nordic": (
        "Astrid Freja Ingrid Karin Linnea Maja Sigrid Solveig Tove Liv",
        "Anders Espen Henrik Magnus Mikkel Nils Rasmus Søren Tobias Vidar",
        "Andersen Berg Dahl Eriksson Halvorsen Holm Johansson Karlsson Lindqvist Lund "
        "Nyberg Pedersen Sandberg Strand Sørensen Åberg Lindholm Nyström Haugen Bakke",
    ),
    "polish": (
        "Agnieszka Alicja Dorota Ewa Joanna Katarzyna Magdalena Małgorzata Zofia Zuzanna",
        "Bartosz Grzegorz Jakub Kacper Łukasz Marcin Michał Paweł Piotr Tomasz",
        "Dąbrowski Jankowski Kamiński Kowalczyk Kozłowski Lewandowski Mazur Nowak "
        "Szymański Wiśniewski Wójcik Zieliński Woźniak Krawczyk Grabowski Pawlak",
    ),
    "dutch": (
        "Anouk Femke Fleur Ilse Lotte Marieke Noor Sanne Willemijn Eline",
        "Bram Daan Joost Lars Maarten Pieter Ruben Sander Thijs Wouter",
        "Bakker De Vries Dekker Jansen Kuipers Meijer Mulder Smit Van Dijk Visser "
        "Bosman Hendriks Brouwer Verhoeven Van Leeuwen Koster",
    ),
    "indian": (
        "Aditi Ananya Deepa Isha Kavya Meera Priya Riya Shreya Lakshmi Nandini Pooja",
        "Aarav Arjun Karthik Nikhil Rahul Rohan Siddharth Vikram Aditya Sanjay Ravi Varun",
        "Agarwal Bhat Chatterjee Desai Gupta Iyer Joshi Kapoor Krishnan Mehta Menon "
        "Nair Patel Rao Reddy Sharma Shah Singh Venkatesan Pillai",
    ),
    "chinese": (
        "Fang Hui Jing Lan Li Mei Xiu Yan Ying Xin Wen Jia",
        "Bo Chen Gang Hao Jun Lei Ming Peng Tao Wei Zhi Feng",
        "Chen Guo He Huang Li Lin Liu Luo Ma Sun Wang Wu Xu Yang Zhang Zhao Zhou Zhu Hu Gao",
    ),
    "japanese": (
        "Aiko Ayaka Haruka Emi Kana Mai Naoko Sakura Yui Yuko",
        "Daiki Haruto Hiroshi Kenji Kenta Ren Ryo Shota Takumi Yuto",
        "Abe Fujita Hayashi Inoue Ito Kato Kobayashi Matsumoto Nakamura Ogawa Saito "
        "Sasaki Suzuki Takahashi Tanaka Watanabe Yamada Yamamoto Yoshida Kimura",
    ),
    "korean": (
        "Eun-ji Ha-eun Ji-woo Min-ji Seo-yeon Soo-ah Yu-na Hye-jin",
        "Do-hyun Ji-ho Joon-young Min-jun Seung-woo Sung-min Tae-yang Hyun-woo",
        "Choi Han Jang Jung Kang Kim Lee Lim Park Shin Yoon Cho Kwon Song",
    ),
    "west_african": (
        "Adaeze Amara Chiamaka Folake Ifeoma Ngozi Nneka Temitope Yetunde Zainab",
        "Babatunde Chidi Emeka Femi Kwame Kofi Obinna Oluwaseun Tunde Uchenna",
        "Adebayo Adeyemi Afolabi Ansah Asante Boateng Eze Mensah Nwosu Obi Okafor "
        "Okonkwo Oyelaran Owusu Chukwu Danjuma Ogunleye Balogun",
    ),
    "arabic": (
        "Amira Dalia Farah Hana Layla Leila Mariam Nour Rania Salma",
        "Ahmed Bilal Hassan Karim Khalid Mahmoud Omar Samir Tarek Youssef",
        "Al-Amin Aziz Farouk Haddad Hamdan Ibrahim Khalil Mansour Nasser Rahman Saleh "
        "Sayegh Toumi Yassin Zidane Haddadin",
    ),
    "latin_american": (
        "Camila Daniela Fernanda Gabriela Jimena Luciana Mariana Paula Valeria Ximena",
        "Agustín Emiliano Felipe Joaquín Mateo Rodrigo Santiago Sebastián Tomás Nicolás",
        "Acosta Aguilar Benítez Cárdenas Domínguez Espinoza Guzmán Medina Mendoza "
        "Navarro Peña Quintero Rojas Salazar Valdez Zúñiga Cabrera Montes",
    ),
}

# Names that belong to the archetypes or would read as them; the lists above must not use them.
RESERVED_GIVEN = frozenset({"wendy", "monty", "quinn", "yara", "fiona", "otto"})

MIDDLE_INITIALS = "ABCDEFGHJKLMNPRSTVW"
OWN_CULTURE = 0.8  # share of people whose family name comes from their given name's culture
RETRIES = 30


@dataclass(frozen=True)
class Name:
    given: str
    family: str
    feminine: bool
    middle: str | None = None

    @property
    def display(self) -> str:
        middle = f" {self.middle}." if self.middle else ""
        return f"{self.given}{middle} {self.family}"


def _split(words: str) -> list[str]:
    """Family names of two words ("De Luca", "Van Dijk") are written with a space in the lists."""
    found: list[str] = []
    for word in words.split():
        if found and found[-1] in ("De", "Van"):
            found[-1] = f"{found[-1]} {word}"
        else:
            found.append(word)
    return found


class NameMaker:
    """Draws names that are unique once case and accents are folded (so they resolve exactly)."""

    def __init__(self, rng: random.Random, reserved: tuple[str, ...] = ()) -> None:
        self.rng = rng
        self.fold = cache(fold)  # a few hundred distinct words, folded once each
        self.used: set[tuple[str, str | None, str]] = set()
        for display in reserved:
            given, family = display.split(" ", 1)
            self._claim(Name(given, family, feminine=False))
        self.cultures = [
            (_split(feminine), _split(masculine), _split(family))
            for feminine, masculine, family in CULTURES.values()
        ]

    def next(self) -> Name:
        for _ in range(RETRIES):
            name = self._draw()
            if self._claim(name):
                return name
        while True:
            name = self._draw()
            name = Name(name.given, name.family, name.feminine, self.rng.choice(MIDDLE_INITIALS))
            if self._claim(name):
                return name

    def _draw(self) -> Name:
        feminine_names, masculine_names, family_names = self.rng.choice(self.cultures)
        feminine = self.rng.random() < 0.5
        given = self.rng.choice(feminine_names if feminine else masculine_names)
        if self.rng.random() >= OWN_CULTURE:
            family_names = self.rng.choice(self.cultures)[2]
        return Name(given, self.rng.choice(family_names), feminine)

    def _claim(self, name: Name) -> bool:
        key = (self.fold(name.given), name.middle, self.fold(name.family))
        if key in self.used:
            return False
        self.used.add(key)
        return True

    def sharing_family(self, family: str, feminine: bool) -> Name:
        """A relative: someone new with the same family name (a spouse, a sibling)."""
        for culture in self.cultures:
            if family in culture[2]:
                pool = culture[0] if feminine else culture[1]
                for given in self.rng.sample(pool, len(pool)):
                    name = Name(given, family, feminine)
                    if self._claim(name):
                        return name
        return self.next()

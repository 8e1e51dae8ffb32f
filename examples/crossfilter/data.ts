/** A deterministic made-up car table (shared by every session, never copied). */
export interface Cars {
  name: string[];
  origin: string[];
  year: Float64Array;
  hp: Float64Array;
  mpg: Float64Array;
  weight: Float64Array;
}

export const ORIGINS = ["US", "Europe", "Asia"] as const;

const MAKES: Record<(typeof ORIGINS)[number], string[]> = {
  US: ["Ford", "Chevrolet", "Dodge", "Buick", "Pontiac"],
  Europe: ["Volkswagen", "Peugeot", "Volvo", "Fiat", "Renault"],
  Asia: ["Toyota", "Datsun", "Honda", "Mazda", "Subaru"],
};

export function makeCars(count = 300): Cars {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const cars: Cars = {
    name: [],
    origin: [],
    year: new Float64Array(count),
    hp: new Float64Array(count),
    mpg: new Float64Array(count),
    weight: new Float64Array(count),
  };
  for (let i = 0; i < count; i++) {
    const origin = ORIGINS[i % 3]!;
    const base = origin === "US" ? 1.35 : origin === "Europe" ? 0.95 : 0.85;
    const weight = Math.round((1800 + random() * 1700) * base);
    const hp = Math.round(weight / 30 + random() * 40);
    cars.name.push(`${MAKES[origin][Math.floor(random() * 5)]} ${100 + i}`);
    cars.origin.push(origin);
    cars.year[i] = 1970 + Math.floor(random() * 13);
    cars.hp[i] = hp;
    cars.weight[i] = weight;
    cars.mpg[i] = Math.round((60 - weight / 120 - hp / 12 + random() * 8 + (cars.year[i]! - 1970) * 0.6) * 10) / 10;
  }
  return cars;
}

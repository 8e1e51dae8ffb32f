/** A made-up salary table (Bokeh's example reads salary_data.csv): the same rows in every process. */
const FIRST = ["Ada", "Ben", "Chloe", "Dev", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jon", "Kai", "Lena"];
const LAST = ["Adams", "Baker", "Cohen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jansen"];

export interface Salaries {
  name: string[];
  salary: Float64Array;
  yearsExperience: Float64Array;
}

export function makeSalaries(count = 120): Salaries {
  let seed = 42;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const name = Array.from({ length: count }, (_, i) => `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`);
  const yearsExperience = Float64Array.from({ length: count }, () => Math.round(random() * 30));
  const salary = yearsExperience.map((years) => Math.min(110_000, Math.round((18_000 + years * 2_600 + random() * 20_000) / 100) * 100));
  return { name, salary, yearsExperience };
}

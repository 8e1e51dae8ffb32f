// Runs in the page (a CustomJS body): `source` is the table's ColumnDataSource, live.
/* global document, source */
function tableToCsv(source) {
  const columns = Object.keys(source.data);
  const lines = [columns.join(",")];
  for (let i = 0; i < source.get_length(); i++) lines.push(columns.map((column) => String(source.data[column][i])).join(","));
  return lines.join("\n") + "\n";
}

const link = document.createElement("a");
link.href = URL.createObjectURL(new Blob([tableToCsv(source)], { type: "text/csv;charset=utf-8;" }));
link.download = "data_result.csv";
link.click();
URL.revokeObjectURL(link.href);

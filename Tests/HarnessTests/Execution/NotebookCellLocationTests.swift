import Foundation
import Testing
@testable import Harness

/// Annotations on a failed notebook point at the failing line of the `.ipynb` file.
@Suite struct NotebookCellLocationTests {
    /// As Jupyter writes a notebook: indent 1, keys sorted, `source` one line per element.
    static let jupyter = """
    {
     "cells": [
      {
       "cell_type": "markdown",
       "metadata": {},
       "source": [
        "# Title"
       ]
      },
      {
       "cell_type": "code",
       "execution_count": null,
       "metadata": {},
       "outputs": [],
       "source": [
        "import pandas as pd\\n",
        "df = pd.read_csv('x.csv')\\n",
        "df['missing']"
       ]
      }
     ],
     "metadata": {},
     "nbformat": 4,
     "nbformat_minor": 5
    }
    """

    func write(_ text: String) throws -> (folder: String, path: String) {
        let folder = try TestSupport.temporaryFolder("cell-location")
        try TestSupport.write(text, to: folder + "/n.ipynb")
        return (folder, folder + "/n.ipynb")
    }

    @Test func aJupyterNotebookPointsAtTheFailingLine() throws {
        let (folder, path) = try write(Self.jupyter)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(NotebookCellLocation.locate(notebook: path, cell: 2, line: 3).line == 18)
        #expect(NotebookCellLocation.locate(notebook: path, cell: 2, line: 1).line == 16)
        #expect(NotebookCellLocation.locate(notebook: path, cell: 1, line: nil).line == 6)
    }

    @Test func compactJSONPointsAtTheCellsSource() throws {
        let compact = try JSONParser.parse(Array(Self.jupyter.utf8), path: "n").compactText
        let (folder, path) = try write(compact)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(NotebookCellLocation.locate(notebook: path, cell: 2, line: 3).line == 1)
        #expect(NotebookCellLocation.locate(notebook: path, cell: 9, line: 1).line == nil)
        #expect(NotebookCellLocation.locate(notebook: folder + "/absent.ipynb", cell: 1, line: 1).line == nil)
    }
}

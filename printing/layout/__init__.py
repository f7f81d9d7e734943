"""Page furniture shared by documents: tables, form grids, page frames, signature and seal
blocks, sections, mixed orientations, certificate frames and stock layouts."""

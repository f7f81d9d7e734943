"""The committee's pages: 首页, 年度考核, 表彰."""

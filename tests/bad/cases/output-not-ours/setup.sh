mkdir -p mine && echo x > mine/keep.txt

# md
